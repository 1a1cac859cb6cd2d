import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import ts from 'typescript-api';
import { describe, expect, test } from 'vitest';
import { parseEvalConfig } from '../../src/node/load-config.ts';
import { repoRoot } from '../helpers/processes.ts';

// The docs stay true: every ```ts example of the API docs and READMEs, and the files of examples/own-eval, type-check
// against the package's public entry points (`qwen-evals`, `qwen-evals/config`, `qwen-evals/matchers`, mapped to
// their sources), and the API page names every value those entry points export.

const ENTRY_POINTS: Record<string, string> = {
  'qwen-evals': 'src/index.ts',
  'qwen-evals/config': 'src/config.ts',
  'qwen-evals/matchers': 'src/matchers.ts',
};
const DOCS = ['docs/api.md', 'README.md', 'evals/README.md'];
const EXAMPLE_PROJECT = 'examples/own-eval';
const EXAMPLE_FILES = ['vitest.config.ts', 'qwen-evals.config.ts', 'evals/arithmetic.eval.ts'];

/** A ```ts block of a doc, as the file it would be. */
interface DocExample {
  doc: string;
  /** Absolute path of the virtual file: next to the doc, named by the block's `// name.ts` first line if it has one. */
  file: string;
  line: number;
  code: string;
}

function extractExamples(doc: string): DocExample[] {
  const text = readFileSync(join(repoRoot, doc), 'utf8');
  const examples: DocExample[] = [];
  // Blocks may be indented (inside a list item); the indent is not part of the code.
  for (const match of text.matchAll(/^( *)```ts\n([\s\S]*?)^\1```$/gm)) {
    const indent = match[1]!.length;
    const code = match[2]!
      .split('\n')
      .map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)))
      .join('\n');
    const line = text.slice(0, match.index).split('\n').length;
    const named = /^\/\/ ([\w.-]+\.ts)\n/.exec(code)?.[1];
    examples.push({ doc, file: join(repoRoot, dirname(doc), named ?? `.doc-example-${line}.ts`), line, code });
  }
  return examples;
}

const examples = DOCS.flatMap(extractExamples);
// A deliberately wrong example checked with the others: proves a broken example is caught, not passed over.
const BROKEN: DocExample = {
  doc: 'broken example',
  file: join(repoRoot, 'docs', '.doc-example-broken.ts'),
  line: 0,
  code: "import { numericMatch } from 'qwen-evals';\nexport const strict = numericMatch({ extract: 'boxd' });\n",
};

// One program over every example and the example project, with the package's names mapped to its sources.
function createProgram(): ts.Program {
  const configFile = ts.readConfigFile(join(repoRoot, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, repoRoot);
  options.noEmit = true;
  options.baseUrl = repoRoot;
  options.paths = Object.fromEntries(Object.entries(ENTRY_POINTS).map(([name, path]) => [name, [join(repoRoot, path)]]));
  const virtual = new Map([...examples, BROKEN].map((e) => [e.file, e.code]));
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, onError) => {
    const code = virtual.get(file);
    return code === undefined ? getSourceFile.call(host, file, language, onError) : ts.createSourceFile(file, code, language, true);
  };
  const roots = [...virtual.keys(), ...EXAMPLE_FILES.map((f) => join(repoRoot, EXAMPLE_PROJECT, f))];
  return ts.createProgram(roots, options, host);
}

const program = createProgram();

// Errors of one file, as `where: message` lines.
function errorsOf(file: string, where: (line: number) => string): string[] {
  const source = program.getSourceFile(file);
  if (!source) return [`${file}: not part of the program`];
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
    const line = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
    return `${where(line)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

// The literal argument of each `defineEvalConfig(...)` call of an example, evaluated, with where it is.
function configArguments(example: DocExample): Array<{ where: string; value: unknown }> {
  const source = program.getSourceFile(example.file)!;
  const found: Array<{ where: string; value: unknown }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineEvalConfig') {
      const argument = node.arguments[0]!;
      const line = source.getLineAndCharacterOfPosition(argument.getStart()).line;
      const js = ts.transpile(`(${argument.getText()})`, { target: ts.ScriptTarget.ES2022 });
      found.push({ where: `${example.doc}:${example.line + 1 + line}`, value: new Function(`return ${js}`)() });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

// A file's code without comments and blank lines, for comparing a quoted file with the original.
function codeLines(code: string): string[] {
  return code
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(\/\/|\/\*\*|\*)/.test(line));
}

// Values (not types) an entry point exports.
function valueExports(entry: string): string[] {
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(join(repoRoot, entry))!)!;
  return checker
    .getExportsOfModule(module)
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return (target.flags & ts.SymbolFlags.Value) !== 0;
    })
    .map((symbol) => symbol.name);
}

describe('API docs and examples', () => {
  test('the docs hold examples for the API page, the README and the evals folder', () => {
    for (const doc of DOCS)
      expect(
        examples.some((e) => e.doc === doc),
        doc,
      ).toBe(true);
  });

  test('every ts example in the docs type-checks against the public entry points', () => {
    const errors = examples.flatMap((e) => errorsOf(e.file, (line) => `${e.doc}:${e.line + 1 + line}`));
    expect(errors).toEqual([]);
  });

  test('examples/own-eval type-checks against the public entry points', () => {
    const errors = EXAMPLE_FILES.flatMap((f) =>
      errorsOf(join(repoRoot, EXAMPLE_PROJECT, f), (line) => `${EXAMPLE_PROJECT}/${f}:${line + 1}`),
    );
    expect(errors).toEqual([]);
  });

  test("the README's walk-through quotes examples/own-eval's files as they are", () => {
    const quoted = examples.filter((e) => e.doc === 'README.md' && EXAMPLE_FILES.some((f) => e.file.endsWith(`/${basename(f)}`)));
    expect(quoted.map((e) => basename(e.file)).sort()).toEqual(EXAMPLE_FILES.map((f) => basename(f)).sort());
    for (const example of quoted) {
      const file = EXAMPLE_FILES.find((f) => basename(f) === basename(example.file))!;
      expect(codeLines(example.code), `README.md:${example.line}`).toEqual(
        codeLines(readFileSync(join(repoRoot, EXAMPLE_PROJECT, file), 'utf8')),
      );
    }
  });

  test('both READMEs state the number of questions the example ships', () => {
    const count = readFileSync(join(repoRoot, EXAMPLE_PROJECT, 'evals/arithmetic.jsonl'), 'utf8')
      .trim()
      .split('\n').length;
    for (const doc of ['README.md', `${EXAMPLE_PROJECT}/README.md`]) {
      expect(readFileSync(join(repoRoot, doc), 'utf8'), doc).toMatch(new RegExp(`\\b${count} (arithmetic )?word problems`));
    }
  });

  test('the API page names every value the entry points export', () => {
    const page = readFileSync(join(repoRoot, 'docs/api.md'), 'utf8');
    const missing = Object.values(ENTRY_POINTS).flatMap((entry) => valueExports(entry).filter((name) => !page.includes(`\`${name}`)));
    expect(missing).toEqual([]);
  });

  test('every defineEvalConfig example in the docs passes the checks a config gets when it loads', () => {
    const configs = examples.flatMap(configArguments);
    expect(configs.length).toBeGreaterThanOrEqual(4);
    const problems = configs.flatMap(({ where, value }) => {
      try {
        parseEvalConfig(value, where);
        return [];
      } catch (error) {
        return [(error as Error).message];
      }
    });
    expect(problems).toEqual([]);
  });

  test('a type error in an example is reported with its doc and line', () => {
    const errors = errorsOf(BROKEN.file, (line) => `${BROKEN.doc}:${line + 1}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^broken example:2: Type '"boxd"' is not assignable/);
  });
});
