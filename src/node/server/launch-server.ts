import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServerError } from '../../shared/errors.ts';
import { LogTail } from './log-tail.ts';
import { ReadinessTimeout, waitForHealth } from './wait-for-health.ts';

const REAPER = join(dirname(fileURLToPath(import.meta.url)), 'reaper.mjs');
/** Carries the server's NODE_EXTRA_CA_CERTS past the reaper (reaper.mjs puts it back). */
const REAPER_CA_CERTS = 'QWEN_EVALS_SERVER_NODE_EXTRA_CA_CERTS';

export interface LaunchOptions {
  /** Executable, e.g. `vllm`. */
  bin: string;
  args: string[];
  /** Base URL the server will answer on, e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
  logFile: string;
  /** Milliseconds to wait for `/health` to answer 200. */
  readinessTimeoutMs: number;
  /** Milliseconds between SIGTERM and SIGKILL of the process group. */
  shutdownGraceMs: number;
  env?: Record<string, string>;
  /** Sees every chunk of the server's stdout and stderr as it comes (the quantization kernel check reads it). */
  onOutput?: (chunk: string) => void;
}

/** A running server process group. */
export interface LaunchedServer {
  pid: number;
  command: string[];
  logFile: string;
  /** Last log lines (stdout and stderr interleaved). */
  logTail(): string[];
  /** Set once the process has exited: code or signal. */
  exited(): { code: number | null; signal: string | null } | null;
  onExit(listener: (info: { code: number | null; signal: string | null }) => void): void;
  /** SIGTERM the whole group, SIGKILL after the grace period; idempotent. */
  stop(): Promise<void>;
}

// Start `bin args` in its own process group behind the reaper, stream its log to a file, wait until healthy.
export async function launchServer(options: LaunchOptions): Promise<LaunchedServer> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const tail = new LogTail(40);
  const command = [options.bin, ...options.args];
  log.write(`$ ${command.join(' ')}\n`);

  // The reaper (Node, no TLS) starts without NODE_EXTRA_CA_CERTS, whose bundle Node 20 parses at every start-up
  // (0.13 s of CPU per process where one is set), and hands the server the value it was given.
  const extraCaCerts = options.env?.NODE_EXTRA_CA_CERTS ?? process.env.NODE_EXTRA_CA_CERTS;
  // The process library (execa and its dependencies, ~135 modules) loads with the first launch: a run against a server
  // already up (EVAL_BASE_URL) never needs it, and it would load before its first request (bench/NOTES.md). Imported
  // here rather than by the callers because Vite's config bundle hoists a bundled module's package imports.
  const { execa } = await import('execa');
  const subprocess = execa(process.execPath, [REAPER, String(options.shutdownGraceMs), ...command], {
    detached: true,
    cleanup: false,
    reject: false,
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    env: {
      ...options.env,
      PYTHONUNBUFFERED: '1',
      NODE_EXTRA_CA_CERTS: '',
      ...(extraCaCerts === undefined ? {} : { [REAPER_CA_CERTS]: extraCaCerts }),
    },
    extendEnv: true,
  });
  const pid = subprocess.pid;
  if (pid === undefined) {
    const result = await subprocess;
    throw new ServerError('EVAL_SERVER_START_FAILED', options.bin, `Could not start \`${options.bin}\`: ${result.message}`);
  }
  for (const stream of [subprocess.stdout, subprocess.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      tail.push(chunk);
      // A process of the server's group may still write after the stop closed the log (its pipe outlives the leader).
      if (!log.writableEnded) log.write(chunk);
      options.onOutput?.(chunk);
    });
  }

  let exitInfo: { code: number | null; signal: string | null } | null = null;
  const listeners: Array<(info: { code: number | null; signal: string | null }) => void> = [];
  const exitPromise = new Promise<void>((resolve) => {
    subprocess.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      sweepGroup(pid);
      for (const listener of listeners) listener(exitInfo);
      resolve();
    });
  });
  const onProcessExit = () => sweepGroup(pid);
  process.once('exit', onProcessExit);

  let stopping: Promise<void> | undefined;
  const server: LaunchedServer = {
    pid,
    command,
    logFile: options.logFile,
    logTail: () => tail.lines(),
    exited: () => exitInfo,
    onExit: (listener) => listeners.push(listener),
    stop: () => {
      stopping ??= stopGroup(pid, exitPromise, options.shutdownGraceMs).finally(() => {
        process.off('exit', onProcessExit);
        subprocess.stdin?.destroy();
        log.end();
      });
      return stopping;
    },
  };

  try {
    await waitForHealth({
      baseUrl: options.baseUrl,
      timeoutMs: options.readinessTimeoutMs,
      exited: exitPromise,
    });
  } catch (error) {
    await server.stop();
    const info = server.exited();
    const reason =
      error instanceof ReadinessTimeout
        ? `did not become ready within ${options.readinessTimeoutMs} ms (GET ${options.baseUrl}/health never returned 200)`
        : `exited during startup (${describeExit(info)})`;
    throw new ServerError(
      'EVAL_SERVER_START_FAILED',
      command.join(' '),
      `vLLM server \`${options.bin}\` ${reason}. Full log: ${options.logFile}`,
      {
        cause: error,
        logTail: tail.lines().slice(-20),
      },
    );
  }
  return server;
}

export function describeExit(info: { code: number | null; signal: string | null } | null): string {
  if (!info) return 'still running';
  return info.signal ? `killed by ${info.signal}` : `exit code ${info.code}`;
}

async function stopGroup(pid: number, exited: Promise<void>, graceMs: number): Promise<void> {
  signalGroup(pid, 'SIGTERM');
  const killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(killTimer);
  sweepGroup(pid);
}

// Kill whatever is left in the group (engine workers that outlived the API server).
function sweepGroup(pid: number): void {
  signalGroup(pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}
