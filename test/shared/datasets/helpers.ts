import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Shared fixtures for the dataset tests: the real datasets folder and throw-away directories.

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// shared/datasets beside the repository; override the shared folder with SHARED_DIR.
export const SHARED_DATASETS = path.join(process.env.SHARED_DIR?.trim() || path.resolve(repoRoot, '../shared'), 'datasets');

// A fresh temp directory and its disposer.
export async function makeTempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `qwen-evals-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

// Every file below a directory, as paths relative to it.
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

// An environment with none of the dataset variables set, so tests do not inherit the developer's.
export const CLEAN_ENV: NodeJS.ProcessEnv = {};
