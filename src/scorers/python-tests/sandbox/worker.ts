import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { ScorerError } from '../../../shared/errors.ts';
import { createFrameParser, encodeCaseRequest, type CaseEnd, type WorkerFrame, type WorkerReady } from './worker-protocol.ts';
import type { JudgeMode, SandboxLimits } from './types.ts';

/** How to start one worker. */
export interface WorkerSpec {
  id: number;
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Time allowed between spawn and the server's ready frame. @default 30000 @unit ms */
  startTimeoutMs?: number;
}

/** One case for a worker. */
export interface CaseRequest {
  judge: JudgeMode;
  limits: SandboxLimits;
  /** Spec bytes (`encodeSpec`): only the judge process reads them. */
  body: Buffer;
}

/** A long-lived sandbox running the fork server; one case at a time. */
export interface Worker {
  readonly id: number;
  readonly ready: WorkerReady;
  /** Cases started so far. */
  readonly cases: number;
  /** False once the process exited or was killed. */
  readonly alive: boolean;
  /** Run one case; rejects with `ScorerError` when the worker dies or stops answering. */
  runCase(request: CaseRequest): Promise<CaseEnd>;
  /** SIGKILL the worker's process group (its sandbox goes with it). Idempotent. */
  kill(): void;
}

const STDERR_TAIL = 4096;
// The server enforces the wall limit itself; past it plus this margin the worker is presumed stuck.
const BACKSTOP_MARGIN_MS = 10_000;

// Kill the process group of `pid` (detached spawn makes pid the group id).
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

// Workers are unref'd: only a case in flight (its backstop timer) keeps the event loop alive.
function unrefStreams(child: ChildProcess): void {
  child.unref();
  for (const stream of child.stdio) (stream as unknown as { unref?: () => void } | null)?.unref?.();
}

// Spawn a worker and wait for its ready frame; rejects with the worker's stderr when it does not start.
export function startWorker(spec: WorkerSpec): Promise<Worker> {
  const child = spawn(spec.file, spec.args, { cwd: spec.cwd, env: spec.env, detached: true, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
  unrefStreams(child);
  const stdin = child.stdin as Writable;
  const control = child.stdio[3] as Readable;
  let stderrTail = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
  });
  child.stdout!.on('data', () => {}); // the server never prints; drain anyway
  stdin.on('error', () => {});
  let alive = true;
  let cases = 0;
  let waiting: { resolve: (end: CaseEnd) => void; reject: (error: Error) => void; seq: number } | undefined;
  let onReady: ((ready: WorkerReady) => void) | undefined;
  let onStartFailure: ((error: Error) => void) | undefined;
  const fail = (reason: string): void => {
    if (alive) killGroup(child.pid);
    alive = false;
    const error = new ScorerError(`Sandbox worker ${spec.id} ${reason}. Its stderr: ${stderrTail.trim().slice(-1500) || '(empty)'}`);
    waiting?.reject(error);
    waiting = undefined;
    onStartFailure?.(error);
  };
  const parse = createFrameParser();
  const accept = (frame: WorkerFrame): void => {
    if (frame.kind === 'R') {
      onReady?.(frame.ready);
      return;
    }
    if (waiting?.seq !== frame.end.seq) {
      fail(`sent the end of case ${frame.end.seq}, which it was not running`);
      return;
    }
    const { resolve } = waiting;
    waiting = undefined;
    resolve(frame.end);
  };
  control.on('data', (chunk: Buffer) => {
    try {
      for (const frame of parse(chunk)) accept(frame);
    } catch (error) {
      fail(`broke the protocol (${error instanceof Error ? error.message : String(error)})`);
    }
  });
  control.on('error', () => {});
  child.on('error', (error) => fail(`could not be spawned (${error.message})`));
  child.on('exit', (code, signal) => {
    if (alive) fail(`exited (code ${code}, signal ${signal})`);
  });

  return new Promise<Worker>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not become ready within ${spec.startTimeoutMs ?? 30_000} ms`), spec.startTimeoutMs ?? 30_000);
    onStartFailure = (error) => {
      clearTimeout(timer);
      reject(error);
    };
    onReady = (ready) => {
      clearTimeout(timer);
      onStartFailure = undefined;
      onReady = undefined;
      resolve({
        id: spec.id,
        ready,
        get cases() {
          return cases;
        },
        get alive() {
          return alive;
        },
        runCase(request) {
          if (!alive) return Promise.reject(new ScorerError(`Sandbox worker ${spec.id} is not running`));
          if (waiting) return Promise.reject(new ScorerError(`Sandbox worker ${spec.id} is busy (a harness bug: one case at a time)`));
          cases += 1;
          const seq = cases;
          return new Promise<CaseEnd>((resolveCase, rejectCase) => {
            const backstop = setTimeout(
              () => fail(`did not finish case ${seq} within ${request.limits.wallMs + BACKSTOP_MARGIN_MS} ms`),
              request.limits.wallMs + BACKSTOP_MARGIN_MS,
            );
            waiting = {
              seq,
              resolve: (end) => {
                clearTimeout(backstop);
                resolveCase(end);
              },
              reject: (error) => {
                clearTimeout(backstop);
                rejectCase(error);
              },
            };
            stdin.write(encodeCaseRequest(seq, request.judge, request.limits, request.body));
          });
        },
        kill() {
          if (!alive) return;
          alive = false;
          killGroup(child.pid);
          waiting?.reject(new ScorerError(`Sandbox worker ${spec.id} was closed during a case`));
          waiting = undefined;
        },
      });
    };
  });
}
