// Public data shapes of the sandbox. Everything here is JSON-serialisable.

/** How one sandboxed run ended. Only `passed` counts as a pass. */
export type SandboxStatus =
  | 'passed'
  | 'failed'
  | 'timeout'
  | 'syntax_error'
  | 'runtime_error'
  | 'assertion'
  | 'sandbox_violation'
  | 'output_limit'
  | 'memory';

/**
 * Where the tests run. `split`: in a trusted process that holds the tests and the nonce, calling the
 * candidate's functions in another process through proxies that pass plain data only (the candidate
 * cannot reach the verdict). `in-process`: tests and candidate in one process, for tests that must share
 * objects with the candidate (a candidate that walks the stack can forge that verdict).
 */
export type JudgeMode = 'split' | 'in-process';

/** Isolation level: `bwrap` (default, fail-closed) or the opt-in weak mode. */
export type IsolationMode = 'bwrap' | 'unsafe-rlimits-only';

/** What isolated a run, recorded in every result. */
export interface IsolationInfo {
  mode: IsolationMode;
  /** Host uid the sandbox ran as (after `setpriv` when the harness is root). */
  uid: number;
  /** Absolute path of the interpreter inside the sandbox. */
  python: string;
  /** `sys.version` first word, e.g. `3.11.2`. */
  pythonVersion: string;
}

/** Resource limits of one run. */
export interface SandboxLimits {
  /**
   * CPU time limit (RLIMIT_CPU soft; hard = soft + 1 s).
   * @default 3000
   * @unit ms, rounded up to whole seconds
   */
  cpuMs: number;
  /**
   * Wall-clock limit; the parent SIGKILLs the process group past it.
   * @default 2 × cpuMs + 1000
   * @unit ms
   */
  wallMs: number;
  /** @default 2 GiB  @unit bytes (RLIMIT_AS) */
  memoryBytes: number;
  /** @default 64  (RLIMIT_NPROC inside the user namespace) */
  maxProcesses: number;
  /** @default 16 MiB  @unit bytes (RLIMIT_FSIZE, per file) */
  maxFileBytes: number;
  /** @default 256  (RLIMIT_NOFILE) */
  maxOpenFiles: number;
  /** stdout + stderr bytes before the run is killed as `output_limit`. @default 8 MiB @unit bytes */
  maxOutputBytes: number;
  /**
   * Size of each tmpfs (`/work`, `/tmp`, `/dev/shm`) of a worker; emptied after every case. Per sandbox
   * only: a program may not change it.
   * @default 64 MiB
   * @unit bytes
   */
  tmpfsBytes: number;
}

/** One program: candidate code, then setup (test-side fixtures), then the tests, each exec'd in order. */
export interface SandboxProgram {
  /** Test-side setup run after the candidate, before the tests (MBPP `test_setup_code`; task 367's uses the candidate's `Node`). */
  setup?: string;
  /** Untrusted code. Its functions are wrapped so only plain data reaches the tests. */
  code: string;
  /** Test snippets run one after the other, with the candidate's globals (in-process) or proxies for them (split). */
  tests: string[];
  /** Overrides of the sandbox's default limits for this run (`tmpfsBytes` excepted). */
  limits?: Partial<SandboxLimits>;
  /** Where the tests run; see `JudgeMode`. @default 'split' */
  judge?: JudgeMode;
}

/** Which worker ran a case: tells cases of one long-lived sandbox apart from a fresh one. */
export interface WorkerTag {
  /** Worker number, unique within the sandbox (a recycled worker gets a new one). */
  id: number;
  /** 1 for the worker's first case, 2 for the next, ... */
  caseIndex: number;
  /**
   * CPU used so far by the worker's sandbox: fork server, split judge and every finished case (this one included).
   * @unit ms
   */
  cpuMs: number;
}

/** Result of one run. `detail` says why it did not pass; `failingAssert` names the test line. */
export interface SandboxResult {
  status: SandboxStatus;
  detail: string;
  /** Source line of the failing assert (or of the test line that raised). */
  failingAssert?: string;
  /** Index in `program.tests` of the test that failed; -1 = before the tests. */
  failingTest?: number;
  /** Last bytes of stderr (and stdout when stderr is empty). */
  stderrTail: string;
  durationMs: number;
  /** Time the tests took inside the sandbox (passed runs only). */
  testMs?: number;
  isolation: IsolationInfo;
  /** True when the status comes from a re-run after a first `timeout`. */
  retried?: boolean;
  /** Where the tests ran: `split` (candidate in its own process) or `in-process`. */
  judge: JudgeMode;
  /** The worker that ran the case. */
  worker: WorkerTag;
}

export const DEFAULT_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  cpuMs: 3000,
  wallMs: 7000,
  memoryBytes: 2 * 1024 ** 3,
  maxProcesses: 64,
  maxFileBytes: 16 * 1024 ** 2,
  maxOpenFiles: 256,
  maxOutputBytes: 8 * 1024 ** 2,
  tmpfsBytes: 64 * 1024 ** 2,
});
