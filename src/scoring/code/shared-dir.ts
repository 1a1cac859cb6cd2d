import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// The shared data dir: env `SHARED_DIR` (trimmed, empty = unset), else `<repo>/../shared`.
export function resolveSharedDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.SHARED_DIR?.trim();
  return fromEnv ? resolve(fromEnv) : resolve(REPO_ROOT, '../shared');
}
