import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A loopback proxy in the main process that owns the run's in-flight limit across every suite and
// worker: generation requests wait here for a slot, go to the least-loaded replica, and free the
// slot the moment the upstream response ends. Scoring never holds a slot.

const GENERATION_PATHS = new Set(['/v1/chat/completions', '/v1/completions']);

export interface DispatcherOptions {
  /** Upstream base URLs (replicas), without trailing slash. */
  upstreams: string[];
  /** Generation requests in flight across all upstreams. */
  inFlightLimit: number;
  /** Called when an upstream is known to be dead; its message is returned to every later request. */
  fatalReason?: () => string | null;
}

export interface DispatcherStats {
  requests: number;
  completed: number;
  failed: number;
  inFlight: number;
  queued: number;
  maxQueued: number;
  inFlightLimit: number;
  /** First dispatch to last completion, in milliseconds; 0 before any request. */
  busyMs: number;
  /** Time-weighted mean of requests in flight over busyMs. */
  meanInFlight: number | null;
}

export interface Dispatcher {
  baseUrl: string;
  stats(): DispatcherStats;
  resetStats(): void;
  close(): Promise<void>;
}

interface Replica {
  url: URL;
  inFlight: number;
}

// Start the dispatcher on 127.0.0.1 at a free port.
export async function startDispatcher(options: DispatcherOptions): Promise<Dispatcher> {
  const replicas: Replica[] = options.upstreams.map((u) => ({ url: new URL(u), inFlight: 0 }));
  const waiting: Array<() => void> = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  let inFlight = 0;
  const counters = newCounters();

  const account = (now: number) => {
    if (counters.lastChange !== null) counters.area += inFlight * (now - counters.lastChange);
    counters.lastChange = now;
  };
  const acquire = (): Replica => {
    const now = performance.now();
    account(now);
    counters.first ??= now;
    inFlight += 1;
    let best = replicas[0]!;
    for (const r of replicas) if (r.inFlight < best.inFlight) best = r;
    best.inFlight += 1;
    return best;
  };
  const release = (replica: Replica, ok: boolean) => {
    const now = performance.now();
    account(now);
    counters.last = now;
    inFlight -= 1;
    replica.inFlight -= 1;
    if (ok) counters.completed += 1;
    else counters.failed += 1;
    waiting.shift()?.();
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/_dispatcher/stats') return sendJson(res, 200, snapshot());
    if (path === '/_dispatcher/reset' && req.method === 'POST') {
      Object.assign(counters, newCounters());
      return sendJson(res, 200, snapshot());
    }
    const fatal = options.fatalReason?.();
    if (fatal) return sendFatal(res, fatal);
    if (!GENERATION_PATHS.has(path)) return forward(req, res, replicas[0]!, () => {});
    counters.requests += 1;
    const start = () => {
      const replica = acquire();
      let released = false;
      forward(req, res, replica, (ok) => {
        if (released) return;
        released = true;
        release(replica, ok);
      });
    };
    if (inFlight < options.inFlightLimit) return start();
    waiting.push(start);
    counters.maxQueued = Math.max(counters.maxQueued, waiting.length);
    // A request abandoned while queued must not take a slot later.
    res.on('close', () => {
      const index = waiting.indexOf(start);
      if (index >= 0) waiting.splice(index, 1);
    });
  });

  const forward = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    replica: Replica,
    done: (ok: boolean) => void,
  ) => {
    const target = new URL(req.url ?? '/', replica.url);
    const headers = { ...req.headers, host: target.host };
    const upstream = http.request(target, { method: req.method, headers, agent }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
      upRes.on('end', () => done((upRes.statusCode ?? 500) < 400));
      upRes.on('error', () => done(false));
      upRes.on('aborted', () => done(false));
    });
    upstream.on('error', (error) => {
      done(false);
      const fatal = options.fatalReason?.();
      if (fatal) return sendFatal(res, fatal);
      if (!res.headersSent) {
        sendJson(res, 502, {
          error: { message: `Upstream ${replica.url.origin} failed: ${error.message}`, type: 'BadGateway', code: 502 },
        });
      } else res.destroy(error);
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
      done(res.writableFinished);
    });
    req.pipe(upstream);
  };

  const snapshot = (): DispatcherStats => {
    const busyMs = counters.first === null || counters.last === null ? 0 : counters.last - counters.first;
    return {
      requests: counters.requests,
      completed: counters.completed,
      failed: counters.failed,
      inFlight,
      queued: waiting.length,
      maxQueued: counters.maxQueued,
      inFlightLimit: options.inFlightLimit,
      busyMs,
      meanInFlight: busyMs > 0 ? counters.area / busyMs : null,
    };
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stats: snapshot,
    resetStats: () => Object.assign(counters, newCounters()),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}

function newCounters() {
  return {
    requests: 0,
    completed: 0,
    failed: 0,
    maxQueued: 0,
    first: null as number | null,
    last: null as number | null,
    lastChange: null as number | null,
    area: 0,
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

// The server is gone: tell the client not to retry, with the reason (server and last log lines).
function sendFatal(res: http.ServerResponse, reason: string): void {
  if (res.headersSent) return void res.destroy(new Error(reason));
  res.writeHead(503, { 'content-type': 'application/json', 'x-should-retry': 'false', 'x-eval-fatal': '1' });
  res.end(JSON.stringify({ error: { message: reason, type: 'ServerDead', code: 503 } }));
}
