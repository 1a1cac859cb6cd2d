import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../shared/errors.ts';

// The results folder must be writable before anything runs: a run that cannot write its record is lost at its end.

/**
 * Create `dir` (and missing parents) and check it can be written; throws ConfigError naming `EVAL_RESULTS_DIR`.
 * Parents are made one at a time: Node's recursive mkdir never returns on some filesystems (procfs).
 */
export function ensureResultsDir(dir: string): void {
  try {
    const missing: string[] = [];
    let current = path.resolve(dir);
    while (!exists(current)) {
      missing.unshift(current);
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const folder of missing) mkdirSync(folder);
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new ConfigError(
      `The results folder ${path.resolve(dir)} cannot be written (${(error as Error).message}); set \`EVAL_RESULTS_DIR\` to a writable folder.`,
      { cause: error },
    );
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
