import ts from 'typescript-api';
import { describe, expect, test } from 'vitest';
import { BUILTIN_DATASETS } from '../../src/evals/registry.ts';
import { productSources, type SourceFile } from './source-files.ts';

// A built-in dataset lives in its own folder plus one line of src/evals/builtins.ts: its name appears in no other
// product code (identifiers, strings, import paths; comments may mention it), so there is no hand-kept list to edit.

const REGISTRY_LINES = 'src/evals/builtins.ts';

// Known exceptions, each with why; to be removed, not added to. The serving benchmark (merged from another branch)
// keeps its own list of chat suites and names a default dataset key; deriving them from the registry is follow-up work.
const EXCEPTIONS: Record<string, string> = {
  'src/bench/dataset-prompts.ts': 'hand-kept map of chat suites for benchmark workloads',
  'src/shared/config/benchmark.ts': 'the default dataset workload key and its schema message',
};

// `mt_bench`, `mt-bench` and `MtBench` are the same name.
const normalise = (text: string) => text.toLowerCase().replace(/[-_]/g, '');

const names = BUILTIN_DATASETS.map((d) => ({
  folder: `src/evals/${d.folder}/`,
  tokens: [...new Set([normalise(d.name), normalise(d.folder)])],
}));

// Identifiers and string or template texts of a file: its code without comments.
function codeTokens(file: SourceFile): string[] {
  const tokens: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) tokens.push(node.text);
    else if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) tokens.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file.ast);
  return tokens;
}

// Module specifiers of a file's imports and re-exports.
function importTokens(file: SourceFile): string[] {
  return file.ast.statements.flatMap((node) =>
    (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)
      ? [node.moduleSpecifier.text]
      : [],
  );
}

// "file: token" for every token of a file outside the dataset's folder that names a built-in dataset. Inside another
// built-in's folder only imports count: its own texts may use a common word that is also a name (BFCL's and
// MT-Bench's "multi-turn" are not the multi_turn suite), while importing another built-in's folder is the coupling.
function strayMentions(): string[] {
  return productSources()
    .filter((file) => file.path !== REGISTRY_LINES && !(file.path in EXCEPTIONS))
    .flatMap((file) => {
      const foreign = names.filter((name) => !file.path.startsWith(name.folder)).flatMap((name) => name.tokens);
      const inBuiltin = names.some((name) => file.path.startsWith(name.folder));
      return [...new Set(inBuiltin ? importTokens(file) : codeTokens(file))]
        .filter((token) => foreign.some((t) => normalise(token).includes(t)))
        .map((token) => `${file.path}: ${token}`);
    });
}

describe('built-in dataset names', () => {
  test('the registry lists every built-in dataset folder with a name', () => {
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name.tokens.every((t) => t.length >= 4)).toBe(true);
  });

  test('appear in no product code outside their own folder and the registry line', () => {
    expect(strayMentions()).toEqual([]);
  });

  test('every listed exception is still a product file (the list does not outlive its reason)', () => {
    const paths = new Set(productSources().map((f) => f.path));
    expect(Object.keys(EXCEPTIONS).filter((path) => !paths.has(path))).toEqual([]);
  });

  test('the registry line file names every built-in, one line each', () => {
    const source = productSources().find((f) => f.path === REGISTRY_LINES)!;
    const exported = source.ast.statements.filter(ts.isExportDeclaration);
    expect(exported).toHaveLength(BUILTIN_DATASETS.length);
  });
});
