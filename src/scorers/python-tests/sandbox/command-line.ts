import type { PythonInterpreter } from './python-interpreter.ts';
import type { IsolationMode } from './types.ts';

/** Where the fork server and judge modules live inside the sandbox. */
export const SANDBOX_SHIM_DIR = '/sbx';

/** Inputs of one worker's command line. */
export interface CommandInput {
  mode: IsolationMode;
  bwrapPath: string;
  setprivPath: string;
  python: PythonInterpreter;
  /** Host directory holding server.py and the judge modules (world-readable copy). */
  shimDir: string;
  /** Size of each tmpfs of the worker. @unit bytes */
  tmpfsBytes: number;
  /** Weak mode only: the host dir the worker's cases run in (emptied after every case). */
  workDir: string;
  /** Unprivileged uid to drop to; undefined = do not drop (harness is not root). */
  dropToUid: number | undefined;
}

// Build the bwrap flags of README section 4.1 (no network, read-only system, tmpfs work dir).
export function buildBwrapFlags(python: PythonInterpreter, shimDir: string, tmpfsBytes: number): string[] {
  const size = String(tmpfsBytes);
  const pyBinds = python.prefixes.filter((p) => p !== '/usr' && !p.startsWith('/usr/')).flatMap((p) => ['--ro-bind', p, p]);
  return [
    '--unshare-all',
    '--die-with-parent',
    '--new-session',
    '--as-pid-1',
    '--hostname',
    'sandbox',
    '--ro-bind',
    '/usr',
    '/usr',
    '--symlink',
    'usr/lib',
    '/lib',
    '--symlink',
    'usr/lib64',
    '/lib64',
    '--symlink',
    'usr/bin',
    '/bin',
    '--symlink',
    'usr/sbin',
    '/sbin',
    '--ro-bind-try',
    '/etc/ld.so.cache',
    '/etc/ld.so.cache',
    ...pyBinds,
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--size',
    size,
    '--tmpfs',
    '/dev/shm',
    '--remount-ro',
    '/dev',
    '--size',
    size,
    '--tmpfs',
    '/tmp',
    '--size',
    size,
    '--tmpfs',
    '/work',
    '--ro-bind',
    shimDir,
    SANDBOX_SHIM_DIR,
    '--remount-ro',
    '/',
    '--chdir',
    '/work',
    '--clearenv',
    '--setenv',
    'PATH',
    '/usr/bin',
    '--setenv',
    'HOME',
    '/work',
    '--setenv',
    'LANG',
    'C.UTF-8',
    '--setenv',
    'OMP_NUM_THREADS',
    '1',
    '--setenv',
    'OPENBLAS_NUM_THREADS',
    '1',
  ];
}

/** The work dir of a case inside the bwrap sandbox (a tmpfs emptied after every case). */
export const SANDBOX_WORK_DIR = '/work';

// Full argv of one worker: [setpriv …] bwrap … python server.py bwrap /work, or [setpriv …] python server.py unsafe <dir>.
export function buildCommand(input: CommandInput): { file: string; args: string[] } {
  const drop =
    input.dropToUid === undefined
      ? []
      : [input.setprivPath, `--reuid=${input.dropToUid}`, `--regid=${input.dropToUid}`, '--clear-groups', '--no-new-privs', '--'];
  const python = [input.python.path, '-I', '-S', '-B'];
  const inner =
    input.mode === 'bwrap'
      ? [
          input.bwrapPath,
          ...buildBwrapFlags(input.python, input.shimDir, input.tmpfsBytes),
          '--',
          ...python,
          `${SANDBOX_SHIM_DIR}/server.py`,
          'bwrap',
          SANDBOX_WORK_DIR,
        ]
      : [...python, `${input.shimDir}/server.py`, 'unsafe', input.workDir];
  const argv = [...drop, ...inner];
  return { file: argv[0]!, args: argv.slice(1) };
}
