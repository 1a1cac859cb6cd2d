import { APIConnectionError, APIError } from 'openai/error';
import { classifyHttpFailure, TryFailureSchema, type TryFailure } from '../../shared/transport/failure.ts';
import { parseRetryAfter, TryFailedError } from './retry.ts';

// Turn whatever one try threw (SDK errors, undici socket errors, JSON errors) into the facts of a failed try.

import { FATAL_HEADER, UPSTREAM_HEADER } from '../../shared/transport/headers.ts';

export { FATAL_HEADER, UPSTREAM_HEADER };

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

// `server` names the real server when the error does not (the dispatcher names the upstream on every reply).
// Anything else (a harness bug) is returned as it is, so that it surfaces as itself instead of as a server failure.
export function toTryFailure(error: unknown, server: string): unknown {
  if (error instanceof TryFailedError) return error;
  if (error instanceof APIConnectionError) return connectionFailure(error.cause ?? error, server, error);
  if (error instanceof APIError) return apiFailure(error, server);
  if (error instanceof SyntaxError)
    return new TryFailedError(
      { kind: 'malformed', server, detail: ' (a response or stream event is not JSON)', serverMessage: error.message },
      undefined,
      undefined,
      { cause: error },
    );
  if (isSocketError(error)) return connectionFailure(error, server, error);
  return error;
}

// undici's body errors: `TypeError: terminated` (cause `SocketError: other side closed`), or any error with a socket code.
function isSocketError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return codeOf(error) !== undefined || (error.name === 'TypeError' && /terminated|fetch failed|socket/i.test(error.message));
}

function apiFailure(error: APIError, fallback: string): TryFailedError {
  const body = (error.error ?? undefined) as Record<string, unknown> | undefined;
  const retryAfterMs = parseRetryAfter(error.headers);
  const header = error.headers?.get('x-should-retry');
  const shouldRetry = header === 'true' ? true : header === 'false' ? false : undefined;
  const facts = TryFailureSchema.safeParse(body?.eval);
  if (facts.success) return new TryFailedError(facts.data, retryAfterMs, shouldRetry, { cause: error });
  const server = error.headers?.get(UPSTREAM_HEADER) ?? fallback;
  const message = typeof body?.message === 'string' ? body.message : undefined;
  if (error.headers?.get(FATAL_HEADER) === '1') {
    return new TryFailedError({ kind: 'server-dead', server, ...(message ? { serverMessage: message } : {}) }, undefined, false, {
      cause: error,
    });
  }
  // An error event inside a started stream has no HTTP status; vLLM puts the equivalent in `code`.
  const status = error.status ?? (typeof body?.code === 'number' ? body.code : undefined);
  const failure: TryFailure = {
    kind: status === undefined ? 'http' : classifyHttpFailure(status, message),
    server,
    ...(status !== undefined ? { status } : {}),
    ...(message !== undefined ? { serverMessage: message } : {}),
    ...(error.status === undefined ? { detail: ' (error event inside a started stream)' } : {}),
  };
  return new TryFailedError(failure, retryAfterMs, shouldRetry, { cause: error });
}

function connectionFailure(cause: unknown, server: string, original: unknown): TryFailedError {
  const code = codeOf(cause);
  const message = deepestMessage(cause);
  const kind = code !== undefined && CONNECT_CODES.has(code) ? 'refused' : 'reset';
  return new TryFailedError({ kind, server, detail: ` (${code ? `${code}: ` : ''}${message})` }, undefined, undefined, { cause: original });
}

// The first `code` along the cause chain (undici nests the socket error under `TypeError: fetch failed`).
function codeOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function deepestMessage(error: unknown): string {
  let message = String((error as Error)?.message ?? error);
  for (let e = (error as { cause?: unknown })?.cause, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as Error).message) message = (e as Error).message;
  }
  return message;
}
