import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The fork server and what it imports; all of it runs inside the sandbox.
const SHIM_FILES = ['server.py', 'case_process.py', 'case_cleanup.py', 'case_watch.py', 'judge_core.py', 'split_judge.py', 'candidate_host.py', 'plain_data.py'];

// Copy the fork server and judge modules to a fresh world-readable host dir (the sandbox uid may not read the project).
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
