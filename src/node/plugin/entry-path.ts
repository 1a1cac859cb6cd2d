import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../shared/package-root.ts';

// Files Vitest loads by path (global setup, built-in eval files): the TypeScript sources when qwen-evals runs from
// its repository, the compiled `dist/` files when it is installed as a package.

/** True when this module runs from its TypeScript source. */
export const runsFromSource = fileURLToPath(import.meta.url).endsWith('.ts');

/** Absolute path of a module of the package, by its path without extension (`setup/global-setup`). */
export function entryPath(name: string): string {
  return runsFromSource ? resolve(packageRoot(), `${name}.ts`) : resolve(packageRoot(), 'dist', `${name}.js`);
}
