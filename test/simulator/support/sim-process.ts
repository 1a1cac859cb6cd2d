// Start the simulated `vllm` executable as a real process (own process group) and clean it up.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Absolute path of the simulated `vllm` executable. */
export const VLLM_BIN = fileURLToPath(new URL('../../../src/simulator/bin/vllm', import.meta.url));

/** A running (or exited) simulator process. */
export interface SimProcess {
  proc: ChildProcess;
  pid: number;
  port: number;
  baseUrl: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolve once `text` appears on stdout or stderr. */
  waitForOutput: (text: string | RegExp, timeoutMs?: number) => Promise<void>;
  /** The EngineCore child pid from its log prefix, once printed. */
  enginePid: () => number | null;
}

const live = new Set<SimProcess>();

// Ask the OS for a free TCP port.
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// Spawn `vllm <args>` in its own process group; `{port}` in args is replaced by a free port.
export async function spawnVllm(args: string[], env: Record<string, string> = {}): Promise<SimProcess> {
  const port = await freePort();
  const proc = spawn(
    VLLM_BIN,
    args.map((a) => a.replace('{port}', String(port))),
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // The simulator makes no TLS connection: an extra CA bundle would only cost its start-up 0.13 s of CPU here.
      env: { ...process.env, NODE_EXTRA_CA_CERTS: '', VLLM_SIM_STARTUP_MS: '200', VLLM_LOG_STATS_INTERVAL: '600', ...env },
    },
  );
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  proc.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
    for (const w of waiters) w();
  });
  proc.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
    for (const w of waiters) w();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('exit', (code, signal) => {
      resolve({ code, signal });
      for (const w of waiters) w();
    });
  });
  const sim: SimProcess = {
    proc,
    pid: proc.pid as number,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput: (text, timeoutMs = 15_000) =>
      new Promise<void>((resolve, reject) => {
        const test = () => (typeof text === 'string' ? (out + err).includes(text) : text.test(out + err));
        if (test()) return resolve();
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${String(text)}\nstdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        const check = () => {
          if (test()) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
      }),
    enginePid: () => {
      const m = /\(EngineCore pid=(\d+)\)/.exec(out + err);
      return m ? Number(m[1]) : null;
    },
  };
  live.add(sim);
  return sim;
}

// Spawn `vllm serve MODEL --port <free> ...` and wait until /health answers 200.
export async function startServer(
  extraArgs: string[] = [],
  env: Record<string, string> = {},
  model = 'Qwen/Qwen2.5-7B-Instruct',
): Promise<SimProcess> {
  const sim = await spawnVllm(['serve', model, '--port', '{port}', ...extraArgs], env);
  await sim.waitForOutput('Application startup complete.');
  return sim;
}

/** Whether a pid is alive (signal 0). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Poll until `pid` is gone.
export async function waitForDeath(pid: number, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return !isAlive(pid);
}

// SIGKILL every process group (and known EngineCore) we started; use in afterEach.
export async function killAll(): Promise<void> {
  for (const sim of live) {
    const engine = sim.enginePid();
    try {
      process.kill(-sim.pid, 'SIGKILL');
    } catch {
      /* group already gone */
    }
    if (engine !== null) {
      try {
        process.kill(engine, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    live.delete(sim);
  }
}

/** POST JSON and return the fetch response. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

/** Parse an SSE body into its `data:` payloads. */
export function sseData(text: string): string[] {
  return text
    .split('\n\n')
    .filter((e) => e.startsWith('data: '))
    .map((e) => e.slice('data: '.length));
}
