import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DatasetError } from '../errors.ts';
import { DATASET_ENV_HINT } from './dataset-env.ts';

// Download one URL to a file with timeout, retries and backoff; hashes while writing.

const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;
const MAX_RETRY_AFTER_MS = 60_000;

/** Settings of one download. */
export interface DownloadOptions {
  fetch: typeof fetch;
  /** Per attempt, including reading the body. @unit ms */
  timeoutMs: number;
  maxRetries: number;
  signal?: AbortSignal | undefined;
  /** Names the file in error messages, e.g. "Dataset `gsm8k/test`". */
  label: string;
}

/** What was written. */
export interface DownloadResult {
  sha256: string;
  bytes: number;
}

class AttemptFailure extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryable: boolean, options?: { cause?: unknown; retryAfterMs?: number | undefined }) {
    super(message, options);
    this.retryable = retryable;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

// Download `url` into `dest` (overwritten); throws DatasetError EVAL_DATASET_UNAVAILABLE after the last attempt.
export async function downloadToFile(url: string, dest: string, options: DownloadOptions): Promise<DownloadResult> {
  const attempts = options.maxRetries + 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptDownload(url, dest, options);
    } catch (error) {
      await rm(dest, { force: true });
      const failure = error instanceof AttemptFailure ? error : new AttemptFailure(String(error), false, { cause: error });
      if (!failure.retryable || attempt >= attempts || options.signal?.aborted) {
        const tries = attempt === 1 ? '' : ` (after ${attempt} attempts)`;
        throw new DatasetError(
          'EVAL_DATASET_UNAVAILABLE',
          `${options.label} could not be downloaded from ${url}: ${failure.message}${tries}. ${DATASET_ENV_HINT}`,
          { cause: failure.cause ?? failure },
        );
      }
      await sleep(failure.retryAfterMs ?? backoffMs(attempt), undefined, { signal: options.signal }).catch(() => {});
    }
  }
}

async function attemptDownload(url: string, dest: string, options: DownloadOptions): Promise<DownloadResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const describe = (error: unknown) =>
    timeout.aborted
      ? new AttemptFailure(`timed out after ${options.timeoutMs} ms (option \`timeoutMs\`)`, true, { cause: error })
      : options.signal?.aborted
        ? new AttemptFailure('aborted by the caller', false, { cause: error })
        : new AttemptFailure(`request failed (${describeCause(error)})`, true, { cause: error });

  let response: Response;
  try {
    response = await options.fetch(url, { signal });
  } catch (error) {
    throw describe(error);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => {});
    const status = response.status;
    throw new AttemptFailure(`HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`, isRetryableStatus(status), {
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    });
  }

  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), tap, createWriteStream(dest));
  } catch (error) {
    throw describe(error);
  }
  return { sha256: hash.digest('hex'), bytes };
}

// 408, 409, 429 and 5xx are worth another try.
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

// 0.5 s doubling to 8 s, minus up to 25% jitter.
function backoffMs(attempt: number): number {
  const delay = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
  return delay * (1 - Math.random() * 0.25);
}

// Retry-After as seconds or an HTTP date; undefined when absent, invalid or unreasonably long.
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const inner = cause instanceof AggregateError ? cause.errors[0] : cause;
  if (inner instanceof Error) {
    const code = (inner as NodeJS.ErrnoException).code;
    return code && !inner.message.includes(code) ? `${code}: ${inner.message}` : inner.message;
  }
  return error instanceof Error ? error.message : String(error);
}
