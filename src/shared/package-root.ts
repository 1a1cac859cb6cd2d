import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The installed qwen-evals package (this repository when run from source, node_modules/qwen-evals when installed):
// found by walking up from this module, so it holds in source, in dist and after a move.

let root: string | undefined;

/** Folder holding qwen-evals' own package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'qwen-evals') {
      root = dir;
      return root;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`qwen-evals: cannot find its own package.json above ${fileURLToPath(import.meta.url)}.`);
    dir = parent;
  }
}

/** qwen-evals' version, recorded in every run (`harness.version` in the fingerprint). */
export function harnessVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
}
