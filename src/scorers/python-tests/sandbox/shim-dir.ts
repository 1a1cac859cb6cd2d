import { chmodSync, copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The fork server and every module it imports: all of this directory's Python files run inside the sandbox.
const SOURCE_DIR = fileURLToPath(new URL('.', import.meta.url));

// Copy the fork server and judge modules to a fresh world-readable host dir (the sandbox uid may not read the project).
export function prepareShimDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qwen-evals-sbx-'));
  for (const file of readdirSync(SOURCE_DIR).filter((name) => name.endsWith('.py'))) {
    const target = join(dir, file);
    copyFileSync(join(SOURCE_DIR, file), target);
    chmodSync(target, 0o444);
  }
  chmodSync(dir, 0o755);
  return dir;
}

// Remove a shim dir made by `prepareShimDir`.
export function removeShimDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
