import { createRequestError, isRetryable, type TryFailure } from '../../shared/transport/failure.ts';

// The client's own retry loop: the SDK cannot retry a stream that failed after its headers, so it runs with
// `maxRetries: 0` and every try (streamed or not) goes through here with the SDK's backoff.

/** First backoff. @unit milliseconds */
export const INITIAL_RETRY_DELAY_MS = 500;
/** Longest backoff. @unit milliseconds */
export const MAX_RETRY_DELAY_MS = 8_000;
/** Longest server-sent `retry-after` honoured; longer ones fall back to the backoff. @unit milliseconds */
export const MAX_RETRY_AFTER_MS = 60_000;

/** A try that failed: what happened, and what the server asked for. */
export class TryFailedError extends Error {
  constructor(
    readonly failure: TryFailure,
    readonly retryAfterMs: number | undefined = undefined,
    /** The server's `x-should-retry` header, which overrides the kind's default. */
    readonly shouldRetry: boolean | undefined = undefined,
    options?: { cause?: unknown },
  ) {
    super(failure.kind, options);
    this.name = 'TryFailedError';
  }
}

// Backoff before retry number `retry` (1-based): 0.5 s doubling to 8 s, minus up to 25% jitter; a server's
// retry-after up to 60 s wins.
export function retryDelayMs(retry: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0 && retryAfterMs <= MAX_RETRY_AFTER_MS) return retryAfterMs;
  const base = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** (retry - 1), MAX_RETRY_DELAY_MS);
  return base * (1 - random() * 0.25);
}

// `retry-after-ms` (milliseconds), else `retry-after` (seconds or an HTTP date); undefined when absent or unreadable.
export function parseRetryAfter(headers: { get(name: string): string | null } | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? date - Date.now() : undefined;
}

/** What a successful call returns: the value and the tries it took. */
export interface Tried<T> {
  value: T;
  tries: number;
}

// Run `attempt` until it succeeds, fails with a failure that is not retried, or `maxRetries` retries are spent;
// then throw a RequestError for the last failure. Anything else an attempt throws (a caller's abort) passes through.
export async function runWithRetries<T>(
  attempt: (tryNumber: number) => Promise<T>,
  options: { maxRetries: number; signal?: AbortSignal | undefined; random?: () => number },
): Promise<Tried<T>> {
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      return { value: await attempt(tryNumber), tries: tryNumber };
    } catch (error) {
      if (!(error instanceof TryFailedError)) throw error;
      const retry = error.shouldRetry ?? isRetryable(error.failure);
      if (!retry || tryNumber > options.maxRetries || options.signal?.aborted)
        throw createRequestError(error.failure, tryNumber, error.cause ?? error);
      await sleep(retryDelayMs(tryNumber, error.retryAfterMs, options.random), options.signal);
    }
  }
}

// Wait, ending early (without throwing) when the caller aborts: the next try then sees the abort.
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
