import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript-api';
import { repoRoot } from '../helpers/processes.ts';

// The product's source files parsed with the TypeScript API, for tests of the code base's structure.

/** One import of a source file. */
export interface SourceImport {
  /** Repository-relative path of the imported file; null for a package or a Node built-in. */
  target: string | null;
  specifier: string;
  /** Erased at compile time (`import type`, or only `type` names): no run-time dependency. */
  typeOnly: boolean;
  /** `import(...)`: loaded when that code runs, not with the importing module. */
  dynamic: boolean;
}

/** A parsed product source file. */
export interface SourceFile {
  /** Repository-relative path, `/`-separated. */
  path: string;
  ast: ts.SourceFile;
  imports: SourceImport[];
}

const PRODUCT_DIRS = ['src', 'setup', 'reporters'];
const EXTENSIONS = /\.(ts|mjs)$/;

let cache: SourceFile[] | undefined;
let byPath: Map<string, SourceFile> | undefined;

/**
 * The product files `start` loads at run time, itself included: type-only imports are erased; `import(...)` counts
 * unless `dynamic` is false (what loads with `start` itself, before its code runs).
 */
export function runtimeClosure(start: string, { dynamic = true }: { dynamic?: boolean } = {}): Set<string> {
  byPath ??= new Map(productSources().map((s) => [s.path, s]));
  const files = byPath;
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length) {
    const path = pending.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const i of files.get(path)?.imports ?? []) if (i.target && !i.typeOnly && (dynamic || !i.dynamic)) pending.push(i.target);
  }
  return seen;
}

// Every .ts and .mjs file of the product (src/, setup/, reporters/), parsed once.
export function productSources(): SourceFile[] {
  cache ??= PRODUCT_DIRS.flatMap((dir) => listFiles(join(repoRoot, dir)))
    .filter((file) => EXTENSIONS.test(file))
    .map(parseSource);
  return cache;
}

function parseSource(file: string): SourceFile {
  const path = relative(repoRoot, file).split('\\').join('/');
  const kind = file.endsWith('.mjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const ast = ts.createSourceFile(path, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, kind);
  return { path, ast, imports: collectImports(ast, dirname(file)) };
}

function collectImports(ast: ts.SourceFile, dir: string): SourceImport[] {
  const imports: SourceImport[] = [];
  const add = (specifier: string, typeOnly: boolean, dynamic = false) => {
    const target = specifier.startsWith('.') ? relative(repoRoot, resolve(dir, specifier)).split('\\').join('/') : null;
    imports.push({ target, specifier, typeOnly, dynamic });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, isTypeOnlyImport(node));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly || namedOnlyTypes(node.exportClause));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      // A computed path (loaded by path at run time) is named as such, so a test can list it.
      add(argument && ts.isStringLiteralLike(argument) ? argument.text : `<computed ${argument?.getText(ast)}>`, false, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(ast);
  return imports;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return (
    bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)
  );
}

function namedOnlyTypes(clause: ts.NamedExportBindings | undefined): boolean {
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}
