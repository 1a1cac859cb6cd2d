import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_REQUEST_TIMEOUTS, type RequestTimeouts } from '../src/client/timeouts.ts';
import { forwardRequest } from './dispatcher/forward-request.ts';
import { replyWithFailure, sendJson } from './dispatcher/replies.ts';

// A loopback proxy in the main process that owns the run's in-flight limit across every suite and
// worker: generation requests wait here for a slot, go to the least-loaded replica, and free the
// slot the moment the upstream response ends. Scoring never holds a slot. The server deadlines are
// enforced here, counted from dispatch, so time spent waiting for a slot never counts against them.

const GENERATION_PATHS = new Set(['/v1/chat/completions', '/v1/completions']);

export interface DispatcherOptions {
  /** Upstream base URLs (replicas), without trailing slash. */
  upstreams: string[];
  /** Generation requests in flight across all upstreams. */
  inFlightLimit: number;
  /** Called when an upstream is known to be dead; its message is returned to every later request. */
  fatalReason?: () => string | null;
  /** Deadlines of each request, counted from dispatch. @default DEFAULT_REQUEST_TIMEOUTS */
  timeouts?: RequestTimeouts;
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
  /** Worker replies not yet closed (queued, in flight, or being written). */
  openReplies: number;
  /** Upstream requests not yet closed. */
  openUpstreams: number;
}

export interface Dispatcher {
  baseUrl: string;
  stats(): DispatcherStats;
  resetStats(): void;
  close(): Promise<void>;
}

interface Replica {
  url: string;
  inFlight: number;
}

// Start the dispatcher on 127.0.0.1 at a free port.
export async function startDispatcher(options: DispatcherOptions): Promise<Dispatcher> {
  const replicas: Replica[] = options.upstreams.map((url) => ({ url, inFlight: 0 }));
  const timeouts = options.timeouts ?? DEFAULT_REQUEST_TIMEOUTS;
  const fatalReason = options.fatalReason ?? (() => null);
  const waiting: Array<() => void> = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  let inFlight = 0;
  let openReplies = 0;
  let openUpstreams = 0;
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
  const forward = (req: http.IncomingMessage, res: http.ServerResponse, replica: Replica, body: Buffer, onSettled: (ok: boolean) => void) =>
    forwardRequest(req, res, {
      server: replica.url,
      agent,
      timeouts,
      body,
      streamed: isStreamed(body),
      fatalReason,
      onSettled,
      onUpstream: (delta) => (openUpstreams += delta),
    });

  const route = (req: http.IncomingMessage, res: http.ServerResponse, path: string, body: Buffer, gone: () => boolean) => {
    if (!GENERATION_PATHS.has(path)) return forward(req, res, replicas[0]!, body, () => {});
    counters.requests += 1;
    const start = () => {
      if (gone()) return;
      const fatal = fatalReason();
      if (fatal) return replyWithFailure(res, deadServer(options.upstreams, fatal), false);
      const replica = acquire();
      forward(req, res, replica, body, (ok) => release(replica, ok));
    };
    if (inFlight < options.inFlightLimit) return start();
    waiting.push(start);
    counters.maxQueued = Math.max(counters.maxQueued, waiting.length);
    // A request abandoned while queued must not take a slot later.
    res.once('close', () => {
      const index = waiting.indexOf(start);
      if (index >= 0) waiting.splice(index, 1);
    });
  };

  const server = http.createServer((req, res) => {
    openReplies += 1;
    let closed = false;
    res.once('close', () => {
      closed = true;
      openReplies -= 1;
    });
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/_dispatcher/stats') return sendJson(res, 200, snapshot());
    if (path === '/_dispatcher/reset' && req.method === 'POST') {
      Object.assign(counters, newCounters());
      return sendJson(res, 200, snapshot());
    }
    const fatal = fatalReason();
    if (fatal) return replyWithFailure(res, deadServer(options.upstreams, fatal), false);
    // The body is read whole first: it tells whether the answer will stream, and a retry-free forward needs it.
    readBody(req).then(
      (body) => (closed ? undefined : route(req, res, path, body, () => closed)),
      () => res.destroy(),
    );
  });

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
      openReplies,
      openUpstreams,
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
        waiting.length = 0;
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

function deadServer(upstreams: string[], reason: string) {
  return { kind: 'server-dead' as const, server: upstreams.join(', '), serverMessage: reason };
}

// `"stream": true` in a JSON body; anything unreadable is forwarded as plain and judged by the server.
function isStreamed(body: Buffer): boolean {
  if (body.length === 0) return false;
  try {
    return (JSON.parse(body.toString('utf8')) as { stream?: unknown })?.stream === true;
  } catch {
    return false;
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}
