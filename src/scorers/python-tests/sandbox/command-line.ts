import type { PythonInterpreter } from './python-interpreter.ts';
import type { IsolationMode, SandboxLimits } from './types.ts';

/** Where the judge shim lives on the host and inside the sandbox. */
export const SANDBOX_SHIM_DIR = '/sbx';

/** Inputs of one command line. */
export interface CommandInput {
  mode: IsolationMode;
  bwrapPath: string;
  setprivPath: string;
  python: PythonInterpreter;
  /** Host directory holding judge.py and judge_core.py (world-readable copy). */
  shimDir: string;
  limits: SandboxLimits;
  /** Unprivileged uid to drop to; undefined = do not drop (harness is not root). */
  dropToUid: number | undefined;
}

// Build the bwrap flags of README section 4.1 (no network, read-only system, tmpfs work dir).
export function buildBwrapFlags(python: PythonInterpreter, shimDir: string, tmpfsBytes: number): string[] {
  const size = String(tmpfsBytes);
  const pyBinds = python.prefixes
    .filter((p) => p !== '/usr' && !p.startsWith('/usr/'))
    .flatMap((p) => ['--ro-bind', p, p]);
  return [
    '--unshare-all', '--die-with-parent', '--new-session', '--as-pid-1', '--hostname', 'sandbox',
    '--ro-bind', '/usr', '/usr',
    '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64',
    '--symlink', 'usr/bin', '/bin', '--symlink', 'usr/sbin', '/sbin',
    '--ro-bind-try', '/etc/ld.so.cache', '/etc/ld.so.cache',
    ...pyBinds,
    '--proc', '/proc', '--dev', '/dev',
    '--size', size, '--tmpfs', '/dev/shm', '--remount-ro', '/dev',
    '--size', size, '--tmpfs', '/tmp',
    '--size', size, '--tmpfs', '/work',
    '--ro-bind', shimDir, SANDBOX_SHIM_DIR,
    '--remount-ro', '/', '--chdir', '/work',
    '--clearenv', '--setenv', 'PATH', '/usr/bin', '--setenv', 'HOME', '/work', '--setenv', 'LANG', 'C.UTF-8',
    '--setenv', 'OMP_NUM_THREADS', '1', '--setenv', 'OPENBLAS_NUM_THREADS', '1',
  ];
}

// Arguments of judge.py: the rlimits it applies inside the namespace.
export function buildJudgeArgs(limits: SandboxLimits, shimPath: string): string[] {
  return [
    '-I', '-S', '-B', shimPath,
    String(Math.max(1, Math.ceil(limits.cpuMs / 1000))),
    String(limits.memoryBytes),
    String(limits.maxProcesses),
    String(limits.maxFileBytes),
    String(limits.maxOpenFiles),
  ];
}

// Full argv: [setpriv …] bwrap … python judge.py (bwrap mode) or [setpriv …] python judge.py (unsafe mode).
export function buildCommand(input: CommandInput): { file: string; args: string[] } {
  const drop =
    input.dropToUid === undefined
      ? []
      : [input.setprivPath, `--reuid=${input.dropToUid}`, `--regid=${input.dropToUid}`, '--clear-groups', '--no-new-privs', '--'];
  const inner =
    input.mode === 'bwrap'
      ? [input.bwrapPath, ...buildBwrapFlags(input.python, input.shimDir, input.limits.tmpfsBytes), '--',
          input.python.path, ...buildJudgeArgs(input.limits, `${SANDBOX_SHIM_DIR}/judge.py`)]
      : [input.python.path, ...buildJudgeArgs(input.limits, `${input.shimDir}/judge.py`)];
  const argv = [...drop, ...inner];
  return { file: argv[0]!, args: argv.slice(1) };
}
