import type http from 'node:http';
import { CACHE_HEADER, FATAL_HEADER, UPSTREAM_HEADER } from '../../../shared/transport/headers.ts';
import type { CachedAnswer } from '../response-cache/cacheable.ts';
import { buildErrorPayload, statusForFailure, type TryFailure } from '../../../shared/transport/failure.ts';

// Every reply the dispatcher writes itself: JSON, a failure before the headers, an error event in a started stream.

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer']);

/** Error `type` of failures the dispatcher observed (the server's own errors keep theirs). */
const FAILURE_TYPES: Record<TryFailure['kind'], string> = {
  http: 'HTTPError',
  'context-length': 'BadRequestError',
  'tool-calling-off': 'BadRequestError',
  'timeout-headers': 'Timeout',
  'timeout-idle': 'Timeout',
  'timeout-total': 'Timeout',
  reset: 'BadGateway',
  refused: 'BadGateway',
  malformed: 'BadGateway',
  'server-dead': 'ServerDead',
};

// Upstream response headers fit to relay: hop-by-hop ones dropped (Node frames the reply itself), upstream named.
export function relayHeaders(headers: http.IncomingHttpHeaders, server: string, drop: string[] = []): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !drop.includes(name)) out[name] = value;
  }
  out[UPSTREAM_HEADER] = server;
  return out;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  if (res.destroyed || res.writableEnded) return;
  if (res.headersSent) return void res.destroy();
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

// A failure the dispatcher observed: before the headers as an HTTP error the SDK reads; inside a started stream
// as one more event `data: {"error": ...}` then `data: [DONE]`, which the SDK turns into an APIError.
export function replyWithFailure(res: http.ServerResponse, failure: TryFailure, inStream: boolean): void {
  if (res.destroyed || res.writableEnded) return;
  const status = statusForFailure(failure.kind);
  const payload = buildErrorPayload(failure, { type: FAILURE_TYPES[failure.kind], code: failure.status ?? status });
  if (inStream) return void res.end(`data: ${JSON.stringify(payload)}\n\ndata: [DONE]\n\n`);
  const dead = failure.kind === 'server-dead' ? { 'x-should-retry': 'false', [FATAL_HEADER]: '1' } : {};
  sendJson(res, status, payload, { [UPSTREAM_HEADER]: failure.server, ...dead });
}

/** Name of the upstream on an answer from the response cache. */
export const CACHE_UPSTREAM = 'response cache';

// An answer from the response cache, byte for byte as the server once sent it, marked as a hit.
export function replyFromCache(res: http.ServerResponse, answer: CachedAnswer): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(answer.status, {
    'content-type': answer.contentType,
    'content-length': answer.body.length,
    [CACHE_HEADER]: 'hit',
    [UPSTREAM_HEADER]: CACHE_UPSTREAM,
  });
  res.end(answer.body);
}
