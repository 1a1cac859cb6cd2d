// Node module hook for running the command from the repository's TypeScript sources: .ts files are loaded with
// their types stripped by esbuild. Only the checkout uses it; the installed package ships compiled JavaScript.
import { readFile } from 'node:fs/promises';
import { transform } from 'esbuild';

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: url, sourcemap: 'inline' });
  return { format: 'module', source: code, shortCircuit: true };
}
