import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { SandboxUnavailableError, ScorerError } from '../../../shared/errors.ts';
import { classifyCase } from './classify.ts';
import { createWorkerLauncher } from './launch-worker.ts';
import { probeWorker } from './probe.ts';
import { resolvePython } from './python-interpreter.ts';
import { prepareShimDir, removeShimDir } from './shim-dir.ts';
import { encodeSpec } from './spec.ts';
import { wallMsFor } from './time-limit.ts';
import { DEFAULT_LIMITS } from './types.ts';
import type { IsolationInfo, IsolationMode, SandboxLimits, SandboxProgram, SandboxResult } from './types.ts';
import type { Worker } from './worker.ts';
import { createWorkerPool } from './worker-pool.ts';

/** Options of `createSandbox`. */
export interface SandboxOptions {
  /**
   * `bwrap` fails closed with `SandboxUnavailableError` when bubblewrap does not work.
   * `unsafe-rlimits-only` runs Python with rlimits, a scrubbed env and a uid drop (as root) only:
   * model code can read your files and reach the network. Logged loudly, recorded per result.
   * @default 'bwrap'
   */
  isolation?: IsolationMode;
  /** Concurrent runs, one long-lived worker sandbox each. @default os.availableParallelism() */
  parallelism?: number;
  /** Default limits; `wallMs` defaults to 2 × cpuMs + 1000 when only `cpuMs` is given. */
  limits?: Partial<SandboxLimits>;
  /** Re-run a `timeout` once before reporting it. @default true */
  retryTimeouts?: boolean;
  /**
   * Cases a worker runs before it is replaced by a fresh sandbox (also replaced after any anomaly: a
   * process, file or IPC object that outlived its case).
   * @default 500
   */
  recycleAfter?: number;
  /** Interpreter. @default '/usr/bin/python3' when present, else `python3` on PATH (resolved) */
  python?: string;
  /** When the harness is root, slot i runs as uid `uidBase - i`. @default 65534 (nobody) */
  uidBase?: number;
  /** @default '/usr/bin/bwrap' */
  bwrapPath?: string;
  /** @default '/usr/bin/setpriv' */
  setprivPath?: string;
  /** Where the weak-mode warning goes. @default console.warn */
  warn?: (message: string) => void;
}

/** A ready sandbox. Call `close()` to stop its workers and remove its temp files. */
export interface Sandbox {
  readonly isolation: IsolationInfo;
  readonly parallelism: number;
  /** Run one program; never throws for model failures, only for harness failures (`ScorerError`). */
  run(program: SandboxProgram): Promise<SandboxResult>;
  close(): void;
}

const UNSAFE_WARNING =
  '!!! qwen-evals: code sandbox running as `unsafe-rlimits-only`: model-generated code is NOT isolated ' +
  '(it can read your files and environment, reach the network, and write anywhere the sandbox uid can). ' +
  'Install bubblewrap (apt-get install bubblewrap) for the isolated default. !!!';
const DEFAULT_RECYCLE_AFTER = 500;
const TAIL_CHARS = 2000;

// Merge default limits; derive the wall limit from the CPU limit unless given.
function resolveLimits(base: SandboxLimits, override: Partial<SandboxLimits> | undefined): SandboxLimits {
  const merged = { ...base, ...override };
  if (override?.cpuMs !== undefined && override.wallMs === undefined) merged.wallMs = wallMsFor(merged.cpuMs);
  return merged;
}

// Probe bubblewrap and build a sandbox; throws `SandboxUnavailableError` unless weak mode is opted in.
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const mode = options.isolation ?? 'bwrap';
  const tools = { bwrapPath: options.bwrapPath ?? '/usr/bin/bwrap', setprivPath: options.setprivPath ?? '/usr/bin/setpriv' };
  const isRoot = process.getuid?.() === 0;
  const uidBase = options.uidBase ?? 65534;
  const uidFor = (slot: number): number | undefined => (isRoot ? uidBase - slot : undefined);
  const python = resolvePython(options.python);
  const shimDir = prepareShimDir();
  const baseLimits = resolveLimits({ ...DEFAULT_LIMITS }, options.limits);
  const launcher = createWorkerLauncher({ mode, tools, python, shimDir, tmpfsBytes: baseLimits.tmpfsBytes, uidFor });
  const start = (slot: number, id: number): Promise<Worker> => launcher.start(slot, id);
  const cleanUp = (): void => {
    removeShimDir(shimDir);
    launcher.removeWorkDirs();
  };
  let first: Worker | undefined;
  if (mode === 'bwrap') {
    const probe = await probeWorker(tools, uidFor(0), () => start(0, 0));
    if (!probe.ok) {
      cleanUp();
      throw new SandboxUnavailableError(
        `The code sandbox needs bubblewrap and it does not work here: ${probe.reason}. Fix: ${probe.fix}. ` +
          "To run model code without isolation anyway, pass `isolation: 'unsafe-rlimits-only'` to createSandbox().",
      );
    }
    first = probe.worker;
  } else {
    (options.warn ?? console.warn)(UNSAFE_WARNING);
  }
  const pool = createWorkerPool({
    size: Math.max(1, options.parallelism ?? availableParallelism()),
    start,
    recycleAfter: options.recycleAfter ?? DEFAULT_RECYCLE_AFTER,
    ...(first ? { first } : {}),
  });
  const isolation: IsolationInfo = { mode, uid: uidFor(0) ?? process.getuid?.() ?? -1, python: python.path, pythonVersion: python.version };

  const runOnce = async (program: SandboxProgram, slot: number): Promise<SandboxResult> => {
    const limits = resolveLimits(baseLimits, program.limits);
    const judge = program.judge ?? 'split';
    const worker = await pool.workerFor(slot);
    const nonce = randomBytes(16).toString('hex');
    const started = performance.now();
    const end = await worker.runCase({ judge, limits, body: encodeSpec(nonce, program) }).catch((error: unknown) => {
      pool.retire(slot);
      throw error;
    });
    const durationMs = performance.now() - started;
    if (end.anomaly !== null) pool.retire(slot);
    const verdict = classifyCase(end, nonce);
    return {
      ...verdict,
      stderrTail: (end.stderr || end.stdout).slice(-TAIL_CHARS),
      durationMs,
      isolation: { ...isolation, uid: uidFor(slot) ?? isolation.uid },
      judge,
      worker: { id: worker.id, caseIndex: worker.cases, cpuMs: end.workerCpuMs },
    };
  };

  return {
    isolation,
    parallelism: pool.size,
    run: (program) => {
      if (program.limits?.tmpfsBytes !== undefined && program.limits.tmpfsBytes !== baseLimits.tmpfsBytes) {
        return Promise.reject(
          new ScorerError(
            `\`limits.tmpfsBytes\` is per sandbox (each worker's tmpfs); received ${program.limits.tmpfsBytes} for one program, ` +
              `the sandbox has ${baseLimits.tmpfsBytes}. Pass it to createSandbox({ limits }) instead.`,
          ),
        );
      }
      return pool.withSlot(async (slot) => {
        // A worker that dies or a judge that never read its spec is a harness glitch (a fresh worker is
        // started): run the case once more before raising the ScorerError.
        const first = await runOnce(program, slot).catch((error: unknown) => {
          if (error instanceof ScorerError) return runOnce(program, slot);
          throw error;
        });
        if (first.status !== 'timeout' || options.retryTimeouts === false) return first;
        return { ...(await runOnce(program, slot)), retried: true };
      });
    },
    close: () => {
      pool.closeAll();
      cleanUp();
    },
  };
}
