import { describe, expect, test } from 'vitest';
import { RequestError } from '../../../src/shared/errors.ts';
import { parseRetryAfter, retryDelayMs, runWithRetries, TryFailedError } from '../../../src/runtime/client/retry.ts';

const server = 'http://gpu:8000';
const headers = (h: Record<string, string>) => new Headers(h);

describe('retry backoff', () => {
  test('doubles from 0.5 s and stops at 8 s without jitter', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, undefined, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  test('takes off at most a quarter as jitter', () => {
    expect(retryDelayMs(1, undefined, () => 0.999_999)).toBeCloseTo(375, 0);
  });

  test("honours a server's retry-after up to 60 s", () => {
    expect([retryDelayMs(1, 3_000, () => 0), retryDelayMs(1, 120_000, () => 0)]).toEqual([3_000, 500]);
  });

  test('reads retry-after-ms, retry-after seconds and dates', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(parseRetryAfter(headers({ 'retry-after': '2' }))).toBe(2_000);
    expect(parseRetryAfter(headers({ 'retry-after': new Date(Date.now() + 10_000).toUTCString() }))).toBeGreaterThan(8_000);
    expect(parseRetryAfter(headers({}))).toBeUndefined();
  });
});

describe('retry loop', () => {
  const fail = (failure: ConstructorParameters<typeof TryFailedError>[0], retryAfterMs?: number, shouldRetry?: boolean) =>
    new TryFailedError(failure, retryAfterMs, shouldRetry);

  test('retries a reset and counts every try', async () => {
    let n = 0;
    const result = await runWithRetries(
      async () => {
        if (++n < 3) throw fail({ kind: 'reset', server }, 0);
        return 'ok';
      },
      { maxRetries: 2 },
    );
    expect(result).toEqual({ value: 'ok', tries: 3 });
  });

  test('gives up after maxRetries retries with a RequestError carrying the tries', async () => {
    const error = await runWithRetries(
      async () => {
        throw fail({ kind: 'timeout-idle', server, timeoutMs: 3000, detail: ' after chunk 1' }, 0);
      },
      { maxRetries: 2 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ kind: 'timeout-idle', tries: 3, server, status: undefined });
    expect((error as Error).message).toBe(
      `Request to ${server} failed after 3 tries: no data for 3000 ms after chunk 1 (idle timeout; raise it with EVAL_IDLE_TIMEOUT_MS or \`client.idleTimeoutMs\`)`,
    );
  });

  test('never retries a context-length error', async () => {
    let n = 0;
    const error = await runWithRetries(
      async () => {
        n++;
        throw fail({ kind: 'context-length', server, status: 400, serverMessage: "This model's maximum context length is 32768 tokens." });
      },
      { maxRetries: 5 },
    ).catch((e: unknown) => e);
    expect([n, (error as RequestError).tries, (error as RequestError).kind]).toEqual([1, 1, 'context-length']);
  });

  test('never retries a 400 but retries a 500', async () => {
    const tries = async (status: number) => {
      let n = 0;
      await runWithRetries(
        async () => {
          n++;
          throw fail({ kind: 'http', server, status }, 0);
        },
        { maxRetries: 2 },
      ).catch(() => {});
      return n;
    };
    expect([await tries(400), await tries(500), await tries(429)]).toEqual([1, 3, 3]);
  });

  test('obeys x-should-retry: false even for a 5xx', async () => {
    let n = 0;
    await runWithRetries(
      async () => {
        n++;
        throw fail({ kind: 'http', server, status: 503 }, 0, false);
      },
      { maxRetries: 2 },
    ).catch(() => {});
    expect(n).toBe(1);
  });

  test("waits the server's retry-after between tries", async () => {
    const times: number[] = [];
    await runWithRetries(
      async () => {
        times.push(performance.now());
        throw fail({ kind: 'http', server, status: 429 }, 120);
      },
      { maxRetries: 1 },
    ).catch(() => {});
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(115);
  });

  test("lets a caller's own error through untouched", async () => {
    const abort = new DOMException('aborted', 'AbortError');
    await expect(
      runWithRetries(
        async () => {
          throw abort;
        },
        { maxRetries: 3 },
      ),
    ).rejects.toBe(abort);
  });
});
