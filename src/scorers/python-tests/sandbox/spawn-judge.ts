import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** What the parent saw of one sandboxed process. */
export interface RawOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  outputLimited: boolean;
  /** Everything written on fd 3 (capped at 4 KiB). */
  verdictText: string;
  stdoutTail: string;
  stderrTail: string;
  durationMs: number;
}

/** Options of one spawn. */
export interface SpawnJudgeOptions {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  stdin: Buffer;
  /** Wall-clock limit; the whole process group is SIGKILLed past it. @unit ms */
  wallMs: number;
  /** stdout + stderr bytes before the group is killed. @unit bytes */
  maxOutputBytes: number;
}

const TAIL_BYTES = 4096;
const VERDICT_CAP = 4096;
// Daemons may hold the pipes open: judge on 'exit', then give the pipes at most this long to close (a loaded box can deliver the fd-3 data late).
const DRAIN_MS = 1000;
// After a kill the sandbox's pid namespace is torn down asynchronously; its pipes close when the last process is gone.
const TEARDOWN_MS = 2000;

// Keep the last `TAIL_BYTES` of a stream and count every byte.
function collectTail(stream: Readable, onBytes: (n: number) => void): () => string {
  let tail = Buffer.alloc(0);
  stream.on('data', (chunk: Buffer) => {
    onBytes(chunk.length);
    tail = Buffer.concat([tail, chunk]);
    if (tail.length > TAIL_BYTES) tail = tail.subarray(tail.length - TAIL_BYTES);
  });
  stream.on('error', () => {});
  return () => tail.toString('utf8');
}

// Kill the process group of `pid` (detached spawn makes pid the group id).
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

// Spawn the judge, feed the spec, enforce wall and output limits, and collect the verdict channel.
export function spawnJudge(options: SpawnJudgeOptions): Promise<RawOutcome> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(options.file, options.args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    let outputBytes = 0;
    let timedOut = false;
    let outputLimited = false;
    const onBytes = (n: number): void => {
      outputBytes += n;
      if (outputBytes > options.maxOutputBytes && !outputLimited) {
        outputLimited = true;
        killGroup(child.pid);
      }
    };
    const stdoutTail = collectTail(child.stdout!, onBytes);
    const stderrTail = collectTail(child.stderr!, onBytes);
    const verdictStream = child.stdio[3] as Readable;
    let verdict = '';
    verdictStream.on('data', (chunk: Buffer) => {
      if (verdict.length < VERDICT_CAP) verdict += chunk.toString('utf8').slice(0, VERDICT_CAP - verdict.length);
    });
    verdictStream.on('error', () => {});
    child.stdin!.on('error', () => {});
    child.stdin!.end(options.stdin);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.wallMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    let open = 3;
    let exited: { exitCode: number | null; signal: NodeJS.Signals | null } | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (): void => {
      if (done || exited === undefined) return;
      done = true;
      clearTimeout(drainTimer);
      for (const s of [child.stdout, child.stderr, verdictStream]) s?.destroy();
      resolve({
        ...exited,
        timedOut,
        outputLimited,
        verdictText: verdict,
        stdoutTail: stdoutTail(),
        stderrTail: stderrTail(),
        durationMs: performance.now() - started,
      });
    };
    for (const s of [child.stdout!, child.stderr!, verdictStream]) {
      s.on('close', () => {
        open -= 1;
        if (open === 0) finish();
      });
    }
    child.on('exit', (exitCode, signal) => {
      clearTimeout(timer);
      killGroup(child.pid);
      exited = { exitCode, signal };
      if (open === 0) finish();
      else drainTimer = setTimeout(finish, timedOut || outputLimited ? TEARDOWN_MS : DRAIN_MS);
    });
  });
}
