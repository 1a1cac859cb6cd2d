import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SHIM_FILES = ['judge.py', 'judge_core.py'];

// Copy the judge shim to a fresh world-readable host dir (the sandbox uid may not read the project).
export function prepareShimDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qwen-evals-sbx-'));
  for (const file of SHIM_FILES) {
    const target = join(dir, file);
    copyFileSync(new URL(file, import.meta.url), target);
    chmodSync(target, 0o444);
  }
  chmodSync(dir, 0o755);
  return dir;
}

// Remove a shim dir made by `prepareShimDir`.
export function removeShimDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
