import type { RequestFailureKind } from '../errors.ts';

// Deadlines of one request to the inference server. The dispatcher enforces them from the moment it sends the
// request upstream (time queued in the harness's own dispatcher never counts); the worker's client keeps only a
// looser backstop behind the dispatcher, and the exact deadlines when it talks to a server directly (external judge).

/** The three deadlines of one try. @unit milliseconds */
export interface RequestTimeouts {
  /**
   * Streamed requests: from sending to the response headers. vLLM answers a stream's headers as soon as it has
   * validated and tokenized the prompt, before queueing or prefill, so this only catches a server that accepts
   * connections but never answers. Plain (non-streamed) requests get their headers with the finished answer:
   * only `requestTimeoutMs` bounds that wait.
   */
  headersTimeoutMs: number;
  /**
   * Silence while a response body is read: for streams from the headers to the first chunk (queueing behind a
   * full batch and prefill happen there) and between chunks (a preempted sequence waits again).
   */
  idleTimeoutMs: number;
  /** From sending to the last byte, retries not included: each try gets the whole budget. */
  requestTimeoutMs: number;
}

/**
 * Default headers timeout. A 32K-token prompt tokenizes in well under a second; the rest is margin for an API
 * server whose event loop is busy with hundreds of streams. @unit milliseconds @default 120000
 */
export const DEFAULT_HEADERS_TIMEOUT_MS = 120_000;

/**
 * Worst time per decode step of a healthy, saturated vLLM that the idle default allows for. Published H100
 * numbers under full load reach ~120-130 ms per output token (TPOT, Qwen3-8B and Qwen3-14B with 1000 requests
 * at once, shared/vllm/bench.md A6/B1); our presets cap the batch at 32-128 sequences, which is faster. Doubled
 * for slower GPUs. @unit milliseconds
 */
export const IDLE_MS_PER_DECODE_STEP = 250;

/**
 * Floor of the idle default: with the harness keeping 2 x max-num-seqs in flight, a request may wait in vLLM's
 * queue until a running one finishes, i.e. up to `maxTokens` decode steps (1024 x 250 ms = 256 s by default),
 * plus a few 32K-token prefills scheduled ahead of it (~4 s each on an H100). @unit milliseconds @default 300000
 */
export const MIN_IDLE_TIMEOUT_MS = 300_000;

/** Extra time the client's backstop allows beyond the dispatcher's deadlines, so the dispatcher's precise error wins. @unit milliseconds */
export const BACKSTOP_SLACK_MS = 30_000;

// Defaults for a run whose longest generation is `maxTokens`: idle covers queueing behind a full batch of that
// many decode steps (floor 300 s); the total covers that wait plus the request's own generation (twice idle).
export function defaultRequestTimeouts(maxTokens: number): RequestTimeouts {
  const idleTimeoutMs = Math.max(MIN_IDLE_TIMEOUT_MS, maxTokens * IDLE_MS_PER_DECODE_STEP);
  return { headersTimeoutMs: DEFAULT_HEADERS_TIMEOUT_MS, idleTimeoutMs, requestTimeoutMs: 2 * idleTimeoutMs };
}

/** The timeouts the harness runs with when nothing is configured (maxTokens 1024). */
export const DEFAULT_REQUEST_TIMEOUTS: RequestTimeouts = defaultRequestTimeouts(1024);

// Precedence: environment > config file > defaults derived from the run's longest generation. The total's default is
// twice the idle timeout and never less than twice the idle default: a raised idle timeout (a slow GPU) raises it, so a
// request is never cut by the total while its silence is still allowed; a lowered one (a fast local server, a fault
// test) keeps the default.
export function resolveRequestTimeouts(
  configured: Partial<RequestTimeouts>,
  env: { EVAL_IDLE_TIMEOUT_MS?: number | undefined; EVAL_REQUEST_TIMEOUT_MS?: number | undefined },
  longestGeneration: number,
): RequestTimeouts {
  const defaults = defaultRequestTimeouts(longestGeneration);
  const idleTimeoutMs = env.EVAL_IDLE_TIMEOUT_MS ?? configured.idleTimeoutMs ?? defaults.idleTimeoutMs;
  return {
    headersTimeoutMs: configured.headersTimeoutMs ?? defaults.headersTimeoutMs,
    idleTimeoutMs,
    requestTimeoutMs: env.EVAL_REQUEST_TIMEOUT_MS ?? configured.requestTimeoutMs ?? 2 * Math.max(idleTimeoutMs, defaults.idleTimeoutMs),
  };
}

// Where a timeout kind is set, for messages that name the fix.
export function describeTimeoutSetting(kind: RequestFailureKind): string {
  if (kind === 'timeout-idle') return 'idle timeout; raise it with EVAL_IDLE_TIMEOUT_MS or `client.idleTimeoutMs`';
  if (kind === 'timeout-total') return 'request timeout; raise it with EVAL_REQUEST_TIMEOUT_MS or `client.requestTimeoutMs`';
  return 'headers timeout; raise it with `client.headersTimeoutMs`';
}
