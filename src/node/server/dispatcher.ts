import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_REQUEST_TIMEOUTS, type RequestTimeouts } from '../../shared/transport/timeouts.ts';
import { forwardRequest } from './dispatcher/forward-request.ts';
import { replyFromCache, replyWithFailure, sendJson } from './dispatcher/replies.ts';
import type { CachedAnswer, DispatcherCache } from './response-cache/response-cache.ts';
import type { GateHistory, ServerStatus } from '../../shared/context.ts';
import type { ServerMetrics } from '../../shared/records/server-metrics.ts';
import { isRetryable, type TryFailure } from '../../shared/transport/failure.ts';
import { FATAL_HEADER, SESSION_HEADER } from '../../shared/transport/headers.ts';
import { SessionAffinity } from './dispatcher/session-affinity.ts';
import { serveLeases, type SlotBroker } from './dispatcher/lease-channel.ts';
import { LEASE_PATH, LEASE_PROTOCOL } from '../../shared/transport/lease-protocol.ts';
import type { Duplex } from 'node:stream';

// A loopback dispatcher in the main process that owns the run's in-flight limit across every suite and worker:
// generation requests wait here for a slot, go to the least-loaded replica (or back to their session's, see
// dispatcher/session-affinity.ts), and free the slot the moment the response ends. Scoring never holds a slot. Most
// requests only lease their slot here (dispatcher/lease-channel.ts) and go straight to the server, the client
// keeping the deadlines; the others are proxied, with the server deadlines enforced here, counted from dispatch, so
// time spent waiting for a slot never counts against them either way.

const GENERATION_PATHS = new Set(['/v1/chat/completions', '/v1/completions']);

/** The main-process session behind the dispatcher, reached by workers and the reporter over `/_eval/*`. */
export interface DispatcherControl {
  /** The server's status, launching it when its turn on the GPUs has come (`GET /_eval/server`). */
  status(): Promise<ServerStatus>;
  /** The last status without launching anything; null when no server ran. */
  lastStatus(): ServerStatus | null;
  /** Simulator counters for the run record, reset for the next (watch) run. */
  simulatorStats(reset: boolean): Promise<Record<string, unknown> | null>;
  /** The servers' /metrics and nvidia-smi over the run, reset for the next (watch) run. */
  serverMetrics(reset: boolean): Promise<ServerMetrics | null>;
  /** The eval files this run selected for the project (`GET /_eval/selection`); null when not known. */
  selectedFiles(): string[] | null;
  /** What the gates read of the history (`GET /_eval/history`), read while the cases run. @default no baseline, no unstable cases */
  history?(): Promise<GateHistory>;
}

/** When the server is failing badly enough that the run stops instead of trying every case. */
export interface FailureBudget {
  /** Consecutive failed tries (timeouts, resets, refused connections, 5xx) that stop the run. @default 32 */
  consecutive: number;
  /** Share of failed tries that stops the run, once `minRequests` tries were dispatched. @default 0.5 */
  share: number;
  /** @default 64 */
  minRequests: number;
}

export const DEFAULT_FAILURE_BUDGET: FailureBudget = { consecutive: 32, share: 0.5, minRequests: 64 };

export interface DispatcherOptions {
  /** Upstream base URLs (replicas), without trailing slash; `setUpstreams` replaces them (a server launched later). */
  upstreams: string[];
  /** Generation requests in flight across all upstreams. */
  inFlightLimit: number;
  /** Called when an upstream is known to be dead; its message is returned to every later request. */
  fatalReason?: () => string | null;
  /** Deadlines of each request, counted from dispatch. @default DEFAULT_REQUEST_TIMEOUTS */
  timeouts?: RequestTimeouts;
  /** @default DEFAULT_FAILURE_BUDGET */
  failureBudget?: FailureBudget;
  /** The session behind the dispatcher; without it there are no `/_eval/*` routes and upstreams are fixed. */
  control?: DispatcherControl;
  /** Answers generation requests it holds (a hit takes no slot and is not counted) and keeps the server's. @default none */
  cache?: DispatcherCache;
  /**
   * No server at all (a replay): requests the cache cannot answer get a 503 with this message, never retried.
   * @default null
   */
  offline?: string | null;
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
  /** Generation requests answered from the response cache (not in `requests`). */
  cacheHits: number;
  /** Generation requests workers sent straight to the server under a slot lease (in `requests`). */
  leased: number;
  /** Worker replies not yet closed (queued, in flight, or being written). */
  openReplies: number;
  /** Upstream requests not yet closed. */
  openUpstreams: number;
}

export interface Dispatcher {
  baseUrl: string;
  stats(): DispatcherStats;
  resetStats(): void;
  /** Point generation requests at new upstreams (the launched server's URL, after a launch). */
  setUpstreams(urls: string[]): void;
  /** Why the dispatcher stopped passing requests on (the failure budget spent); null while it does. */
  budgetSpent(): string | null;
  close(): Promise<void>;
}

interface Replica {
  url: string;
  inFlight: number;
}

/** How long the dispatcher keeps an idle worker connection open. @unit milliseconds */
const IDLE_CONNECTION_MS = 10 * 60_000;

// Start the dispatcher on 127.0.0.1 at a free port.
export async function startDispatcher(options: DispatcherOptions): Promise<Dispatcher> {
  let replicas: Replica[] = options.upstreams.map((url) => ({ url, inFlight: 0 }));
  const timeouts = options.timeouts ?? DEFAULT_REQUEST_TIMEOUTS;
  const budget = options.failureBudget ?? DEFAULT_FAILURE_BUDGET;
  const health = { consecutive: 0, tries: 0, failed: 0, last: null as TryFailure | null, spent: null as string | null };
  const fatalReason = () => options.fatalReason?.() ?? health.spent;
  const waiting: Array<() => void> = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const openLeases = new Set<Duplex>();
  let inFlight = 0;
  let openReplies = 0;
  let openUpstreams = 0;
  const counters = newCounters();

  const account = (now: number) => {
    if (counters.lastChange !== null) counters.area += inFlight * (now - counters.lastChange);
    counters.lastChange = now;
  };
  const affinity = new SessionAffinity();
  const acquire = (session: string | undefined): Replica => {
    const now = performance.now();
    account(now);
    counters.first ??= now;
    inFlight += 1;
    const best = affinity.pick(replicas, session);
    best.inFlight += 1;
    return best;
  };
  const release = (replica: Replica, ok: boolean, failure?: TryFailure) => {
    const now = performance.now();
    account(now);
    counters.last = now;
    inFlight -= 1;
    replica.inFlight -= 1;
    if (ok) counters.completed += 1;
    else counters.failed += 1;
    noteHealth(ok, failure);
    drain();
  };
  // Start waiting requests while slots are free (a waiter whose request is gone takes none and passes its turn on).
  const drain = () => {
    while (inFlight < options.inFlightLimit && waiting.length > 0) waiting.shift()!();
  };
  /**
   * Wait for a slot (first come, first served, proxied requests and leases alike), then `granted` with its replica,
   * or `refused` with why no request may go. `alive` is asked when the turn comes: a request gone by then takes none.
   * Returns a cancel function for a request still waiting.
   */
  const takeSlot = (
    session: string | undefined,
    alive: () => boolean,
    granted: (replica: Replica) => void,
    refused: (fatal: string) => void,
  ): (() => void) => {
    counters.requests += 1;
    const start = () => {
      if (!alive()) return;
      const fatal = fatalReason();
      if (fatal) return refused(fatal);
      granted(acquire(session));
    };
    if (inFlight < options.inFlightLimit) {
      start();
      return () => {};
    }
    waiting.push(start);
    counters.maxQueued = Math.max(counters.maxQueued, waiting.length);
    return () => {
      const index = waiting.indexOf(start);
      if (index >= 0) waiting.splice(index, 1);
    };
  };
  // A server launched on demand: the first request of a project whose turn on the GPUs has come starts it. The
  // launch's error message when it could not start.
  const ensureServer = async (): Promise<string | null> => {
    if (replicas.length > 0 || !options.control) return null;
    try {
      await options.control.status();
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  };
  // The lease channels' view of the slots (dispatcher/lease-channel.ts).
  const broker: SlotBroker = {
    take: (session, granted, refused) => {
      let cancelled = false;
      let cancel: () => void = () => {};
      void ensureServer().then((startFailed) => {
        if (cancelled) return;
        if (startFailed !== null) return refused(startFailed, deadServer(replicas, startFailed).server);
        cancel = takeSlot(
          session,
          () => !cancelled,
          (replica) => {
            counters.leased += 1;
            granted({ upstream: replica.url, release: (ok, failure) => release(replica, ok, failure) });
          },
          (fatal) => refused(fatal, deadServer(replicas, fatal).server),
        );
      });
      return () => {
        cancelled = true;
        cancel();
      };
    },
  };
  // The failure budget: a server failing try after try (or most tries) ends the run instead of failing every case
  // slowly. Only server failures count: a prompt too long for the context or a worker leaving says nothing of it.
  const noteHealth = (ok: boolean, failure?: TryFailure) => {
    if (health.spent) return;
    if (!ok && (!failure || !isRetryable(failure))) return;
    health.tries += 1;
    if (ok) {
      health.consecutive = 0;
      return;
    }
    health.consecutive += 1;
    health.failed += 1;
    health.last = failure!;
    const share = health.tries >= budget.minRequests && health.failed / health.tries >= budget.share;
    if (health.consecutive < budget.consecutive && !share) return;
    const why = share ? `${health.failed} of ${health.tries} tries failed` : `${health.consecutive} tries in a row failed`;
    health.spent = `The run stopped early: ${why} on ${failure!.server}, so the server is failing, not the cases. The last failure: ${describeFailure(failure!)}`;
  };
  const forward = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    replica: Replica,
    body: Buffer,
    onSettled: (ok: boolean, failure?: TryFailure) => void,
    onAnswer?: (answer: CachedAnswer) => void,
  ) =>
    forwardRequest(req, res, {
      server: replica.url,
      agent,
      timeouts,
      body,
      streamed: isStreamed(body),
      fatalReason,
      onSettled,
      onUpstream: (delta) => (openUpstreams += delta),
      ...(onAnswer ? { onAnswer } : {}),
    });

  const route = async (req: http.IncomingMessage, res: http.ServerResponse, path: string, body: Buffer, gone: () => boolean) => {
    const startFailed = await ensureServer();
    if (startFailed !== null) {
      return sendJson(
        res,
        503,
        { error: { message: startFailed, type: 'ServerStartFailed', code: 503 } },
        { [FATAL_HEADER]: '1', 'x-should-retry': 'false' },
      );
    }
    if (gone()) return;
    if (!GENERATION_PATHS.has(path)) {
      if (options.offline || replicas.length === 0) return replyOffline(res, options.offline ?? 'no server is running');
      return forward(req, res, replicas[0]!, body, () => {});
    }
    // The cache answers before a slot is taken: a hit costs the server nothing and is not counted as a request.
    const lookup = options.cache ? await options.cache.lookup(path, body).catch(() => null) : null;
    if (gone()) return;
    if (lookup?.hit) {
      counters.cacheHits += 1;
      return replyFromCache(res, lookup.hit);
    }
    if (options.offline) return replyOffline(res, options.offline);
    const cancel = takeSlot(
      sessionOf(req),
      () => !gone(),
      (replica) => forward(req, res, replica, body, (ok, failure) => release(replica, ok, failure), lookup?.offer),
      (fatal) => replyWithFailure(res, deadServer(replicas, fatal), false),
    );
    // A request abandoned while queued must not take a slot later.
    res.once('close', cancel);
  };

  const server = http.createServer((req, res) => {
    openReplies += 1;
    let closed = false;
    res.once('close', () => {
      closed = true;
      openReplies -= 1;
    });
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/_eval/') && options.control) return void handleControl(options.control, path, res);
    if (path === '/_dispatcher/stats') return sendJson(res, 200, snapshot());
    if (path === '/_dispatcher/reset' && req.method === 'POST') {
      Object.assign(counters, newCounters());
      return sendJson(res, 200, snapshot());
    }
    const fatal = fatalReason();
    if (fatal) return replyWithFailure(res, deadServer(replicas, fatal), false);
    // The body is read whole first: it tells whether the answer will stream, and a retry-free forward needs it.
    readBody(req).then(
      (body) => (closed ? undefined : route(req, res, path, body, () => closed)),
      () => res.destroy(),
    );
  });

  // `GET /_eval/server`: the server's status (launching it if its turn came); `GET /_eval/selection`: the files this
  // run selected; `GET /_eval/history`: the baseline plan and unstable cases; `POST /_eval/run-end`: the facts the run
  // record needs, counters reset for a watch re-run.
  const handleControl = async (control: DispatcherControl, path: string, res: http.ServerResponse) => {
    try {
      if (path === '/_eval/server') return sendJson(res, 200, await control.status());
      if (path === '/_eval/selection') return sendJson(res, 200, { files: control.selectedFiles() });
      if (path === '/_eval/history') {
        const history = control.history ? await control.history().catch((error: Error) => error) : { baseline: null, unstable: {} };
        if (history instanceof Error)
          return sendJson(res, 500, { error: { message: history.message, type: 'HistoryUnreadable', code: 500 } });
        return sendJson(res, 200, history);
      }
      if (path === '/_eval/run-end') {
        const report = {
          server: control.lastStatus(),
          dispatcher: snapshot(),
          simulator: await control.simulatorStats(true),
          serverMetrics: await control.serverMetrics(true).catch(() => null),
          serverFailure: fatalReason(),
          unstable: (await control.history?.().catch(() => null))?.unstable ?? {},
        };
        Object.assign(counters, newCounters());
        options.cache?.resetRun();
        return sendJson(res, 200, report);
      }
      sendJson(res, 404, { error: { message: `unknown control path ${path}`, type: 'NotFound', code: 404 } });
    } catch (error) {
      sendJson(res, 503, { error: { message: (error as Error).message, type: 'ServerStartFailed', code: 503 } });
    }
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
      cacheHits: counters.cacheHits,
      leased: counters.leased,
      openReplies,
      openUpstreams,
    };
  };

  // A worker's lease channel. Offered only when requests need not pass through here: the response cache keeps what
  // it relays, and a replay has no server. Otherwise the worker sends its requests through the proxy.
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0];
    const offered = path === LEASE_PATH && req.headers.upgrade === LEASE_PROTOCOL && !options.cache && !options.offline;
    if (!offered) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    openLeases.add(socket);
    socket.once('close', () => openLeases.delete(socket));
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: ${LEASE_PROTOCOL}\r\nConnection: Upgrade\r\n\r\n`);
    serveLeases(socket, head, broker);
  });

  // The workers' connection pools decide when an idle loopback connection ends. With Node's 5 s default the server
  // closed idle sockets that a worker, its thread starved on a loaded machine, reused a moment later: thousands of
  // 'other side closed' resets and retries per full run.
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  server.headersTimeout = IDLE_CONNECTION_MS + 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stats: snapshot,
    resetStats: () => Object.assign(counters, newCounters()),
    setUpstreams: (urls) => {
      replicas = urls.map((url) => ({ url, inFlight: 0 }));
      Object.assign(health, { consecutive: 0, tries: 0, failed: 0, last: null, spent: null });
    },
    budgetSpent: () => health.spent,
    close: async () => {
      await new Promise<void>((resolve) => {
        waiting.length = 0;
        for (const socket of openLeases) socket.destroy();
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      });
      await options.cache?.flush();
    },
  };
}

function sessionOf(req: http.IncomingMessage): string | undefined {
  const value = req.headers[SESSION_HEADER];
  return Array.isArray(value) ? value[0] : value;
}

function newCounters() {
  return {
    requests: 0,
    completed: 0,
    failed: 0,
    maxQueued: 0,
    cacheHits: 0,
    leased: 0,
    first: null as number | null,
    last: null as number | null,
    lastChange: null as number | null,
    area: 0,
  };
}

// A request no server can answer (a replay runs without one): 503, never retried, naming why.
function replyOffline(res: http.ServerResponse, reason: string): void {
  sendJson(res, 503, { error: { message: reason, type: 'NoServer', code: 503 } }, { 'x-should-retry': 'false' });
}

function deadServer(replicas: readonly Replica[], reason: string) {
  return { kind: 'server-dead' as const, server: replicas.map((r) => r.url).join(', ') || 'the server', serverMessage: reason };
}

// One line for a failed try: what happened and what the server said.
function describeFailure(failure: TryFailure): string {
  const status = failure.status ? `HTTP ${failure.status}` : failure.kind;
  return `${status}${failure.detail ?? ''}${failure.serverMessage ? `: ${failure.serverMessage.split('\n')[0]}` : ''}`;
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
