import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The real interpreter (never a pyenv shim) and its version. */
export interface PythonInterpreter {
  path: string;
  version: string;
  /** `sys.prefix` / `sys.base_prefix`: bound read-only when outside `/usr`. */
  prefixes: string[];
}

const PREFERRED = '/usr/bin/python3';

// Resolve `/usr/bin/python3` when present, else the real binary behind `python3` on PATH.
export function resolvePython(explicit?: string): PythonInterpreter {
  const candidate = explicit ?? (existsSync(PREFERRED) ? PREFERRED : 'python3');
  const script =
    'import sys, os; print(os.path.realpath(sys.executable)); print(sys.version.split()[0]);' +
    ' print(sys.prefix); print(sys.base_prefix)';
  const out = execFileSync(candidate, ['-I', '-S', '-c', script], { encoding: 'utf8', timeout: 10_000 });
  const [path = candidate, version = 'unknown', prefix = '/usr', basePrefix = '/usr'] = out.trim().split('\n');
  return { path, version, prefixes: [...new Set([prefix, basePrefix])] };
}
