import http from 'node:http';
import type { TryFailure } from '../../../shared/transport/failure.ts';
import { normaliseErrorBody } from '../../../shared/transport/normalise-error.ts';
import type { RequestTimeouts } from '../../../shared/transport/timeouts.ts';
import { relayHeaders, replyWithFailure, sendJson } from './replies.ts';
import { SseEventSplitter } from './sse-events.ts';
import type { CachedAnswer } from '../response-cache/cacheable.ts';

// Forward one request to one upstream with the server deadlines counted from this moment (dispatch), and settle
// the worker's reply exactly once whatever the upstream does: answer, HTTP error, reset, stall, or the worker
// leaving. Streams are relayed event by event; other bodies are held whole, so a failure can still be answered.

/** Largest non-streamed body held before replying; a server sending more is answering garbage. @unit bytes */
export const MAX_PLAIN_BODY_BYTES = 64 * 1024 * 1024;

const ERROR_EVENT = Buffer.from('data: {"error"');
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** One request to forward and what to tell the dispatcher. */
export interface ForwardJob {
  /** Upstream base URL as configured; named in every reply and failure. */
  server: string;
  agent: http.Agent;
  timeouts: RequestTimeouts;
  /** The worker's request body, read whole. */
  body: Buffer;
  /** `stream: true` in the body: the headers deadline applies (plain answers bring their headers at the end). */
  streamed: boolean;
  /** The launched server's death notice, once it is dead. */
  fatalReason: () => string | null;
  /**
   * Called exactly once, when the worker's reply is settled; `ok` = a successful answer relayed whole, `failure` =
   * what the server did wrong (absent when the worker itself left).
   */
  onSettled: (ok: boolean, failure?: TryFailure) => void;
  /** Open and closed upstream requests, for the dispatcher's leak accounting. */
  onUpstream: (delta: 1 | -1) => void;
  /** Given a successful answer relayed whole, bytes as relayed (the response cache keeps it). @default none */
  onAnswer?: (answer: CachedAnswer) => void;
}

// Forward `req` to `job.server`; never throws, always settles.
export function forwardRequest(req: http.IncomingMessage, res: http.ServerResponse, job: ForwardJob): void {
  const { server, timeouts } = job;
  let phase: 'headers' | 'stream' | 'body' = 'headers';
  let settled = false;
  const timers: NodeJS.Timeout[] = [];
  const events = new SseEventSplitter();

  const settle = (ok: boolean, failure?: TryFailure) => {
    if (settled) return;
    settled = true;
    for (const timer of timers) clearTimeout(timer);
    job.onSettled(ok, failure);
  };
  const fail = (failure: TryFailure) => {
    if (settled) return;
    upstream.destroy();
    const fatal = job.fatalReason();
    replyWithFailure(res, fatal ? { kind: 'server-dead', server, serverMessage: fatal } : failure, phase === 'stream');
    settle(false, failure);
  };
  const startTimer = (ms: number, onFire: () => void) => {
    const timer = setTimeout(onFire, ms);
    timers.push(timer);
    return timer;
  };
  const progress = () =>
    phase === 'stream'
      ? ` (${events.events} chunks relayed)`
      : phase === 'body'
        ? ' (response body incomplete)'
        : ' (no response headers yet)';

  const target = new URL(req.url ?? '/', server);
  const upstream = http.request(target, {
    method: req.method,
    headers: upstreamHeaders(req.headers, target, job.body.length),
    agent: job.agent,
  });
  job.onUpstream(1);
  upstream.once('close', () => job.onUpstream(-1));

  startTimer(timeouts.requestTimeoutMs, () =>
    fail({ kind: 'timeout-total', server, timeoutMs: timeouts.requestTimeoutMs, detail: ` of sending${progress()}` }),
  );
  const headersTimer = job.streamed
    ? startTimer(timeouts.headersTimeoutMs, () => fail({ kind: 'timeout-headers', server, timeoutMs: timeouts.headersTimeoutMs }))
    : undefined;

  upstream.on('response', (upRes) => {
    clearTimeout(headersTimer);
    const status = upRes.statusCode ?? 502;
    const idle = startTimer(timeouts.idleTimeoutMs, () =>
      fail({
        kind: 'timeout-idle',
        server,
        timeoutMs: timeouts.idleTimeoutMs,
        detail:
          phase === 'stream'
            ? events.events === 0
              ? ' before the first chunk'
              : ` after chunk ${events.events}`
            : ' while reading the response body',
      }),
    );
    upRes.on('error', () => {}); // reported by 'close' below, with where it happened
    upRes.on('close', () => {
      if (!upRes.complete)
        fail({
          kind: 'reset',
          server,
          detail: phase === 'stream' ? ` mid-stream after ${events.events} chunks` : ' while the response body was read',
        });
    });
    if (status < 300 && /text\/event-stream/i.test(upRes.headers['content-type'] ?? '')) {
      phase = 'stream';
      res.writeHead(status, relayHeaders(upRes.headers, server));
      // The worker's backstop starts at the headers: send them now, as vLLM did.
      res.flushHeaders();
      // The server's own error event (vLLM's engine died mid-stream) makes the request a failure in the stats.
      let serverError = false;
      const relayed: Buffer[] | null = job.onAnswer ? [] : null;
      upRes.on('data', (chunk: Buffer) => {
        idle.refresh();
        const complete = events.push(chunk);
        if (!complete) return;
        serverError ||= complete.includes(ERROR_EVENT);
        relayed?.push(complete);
        res.write(complete);
      });
      upRes.on('end', () => {
        if (settled) return;
        const rest = events.flush();
        res.end(rest ?? undefined);
        if (relayed && !serverError) {
          if (rest) relayed.push(rest);
          job.onAnswer!({ status, contentType: upRes.headers['content-type'] ?? 'text/event-stream', body: Buffer.concat(relayed) });
        }
        settle(
          !serverError,
          serverError ? { kind: 'http', server, serverMessage: 'the server ended the stream with an error event' } : undefined,
        );
      });
      return;
    }
    phase = 'body';
    const parts: Buffer[] = [];
    let size = 0;
    upRes.on('data', (chunk: Buffer) => {
      idle.refresh();
      size += chunk.length;
      if (size > MAX_PLAIN_BODY_BYTES)
        return fail({ kind: 'malformed', server, detail: `: a response body above ${MAX_PLAIN_BODY_BYTES} bytes` });
      parts.push(chunk);
    });
    upRes.on('end', () => {
      if (settled) return;
      const body = Buffer.concat(parts);
      if (status >= 400) {
        const payload = normaliseErrorBody(status, body.toString('utf8'), server);
        sendJson(res, status, payload, relayHeaders(upRes.headers, server, ['content-length', 'content-type', 'content-encoding']));
        return settle(false, payload.error.eval);
      }
      res.writeHead(status, { ...relayHeaders(upRes.headers, server, ['content-length']), 'content-length': body.length });
      res.end(body);
      job.onAnswer?.({ status, contentType: upRes.headers['content-type'] ?? 'application/json', body });
      settle(true);
    });
  });
  upstream.on('error', (error) => fail(connectionFailure(error, server, phase, events.events)));
  // The worker went away (its abort, its deadline): stop the upstream so the server drops the sequence.
  res.on('close', () => {
    if (settled) return;
    upstream.destroy();
    settle(false);
  });
  upstream.end(job.body);
}

// The worker's headers for the upstream: its host, the body as read, and no compression (bodies are parsed here).
function upstreamHeaders(headers: http.IncomingHttpHeaders, target: URL, length: number): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = { ...headers, host: target.host, 'accept-encoding': 'identity' };
  delete out.connection;
  delete out['transfer-encoding'];
  delete out['keep-alive'];
  if (length > 0 || out['content-length'] !== undefined) out['content-length'] = length;
  return out;
}

function connectionFailure(error: NodeJS.ErrnoException, server: string, phase: 'headers' | 'stream' | 'body', chunks: number): TryFailure {
  const what = `${error.code ? `${error.code}: ` : ''}${error.message}`;
  if (error.code && CONNECT_CODES.has(error.code)) return { kind: 'refused', server, detail: ` (${what})` };
  const where =
    phase === 'headers'
      ? ' before the response headers'
      : phase === 'stream'
        ? ` mid-stream after ${chunks} chunks`
        : ' while the response body was read';
  return { kind: 'reset', server, detail: `${where} (${what})` };
}
