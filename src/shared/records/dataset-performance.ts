import { z } from 'zod';

// Timings of one dataset's cases as the client measured them. A long-context run reads them per length: how long the
// first token takes and how fast prompts are read as they grow.

/** Mean and percentiles of a measure; null when nothing was measured. */
export const PercentilesSchema = z.object({ mean: z.number(), p50: z.number(), p90: z.number(), p99: z.number() }).nullable();
export type Percentiles = z.infer<typeof PercentilesSchema>;

/**
 * A dataset's timings over its answered cases. Each request ran under the run's load (the other cases in flight), so
 * TTFT includes queueing; `EVAL_MAX_IN_FLIGHT=1` measures requests one at a time.
 */
export const DatasetPerformanceSchema = z.object({
  /** Answered cases the timings come from. */
  cases: z.number().int().nonnegative(),
  /** Mean prompt tokens per case, as the server counted them. */
  promptTokensMean: z.number().nullable(),
  /** @unit milliseconds */
  ttftMs: PercentilesSchema,
  /** @unit milliseconds */
  latencyMs: PercentilesSchema,
  /** Median over one-request cases of prompt tokens / TTFT: how fast one request's prompt is read, queueing included. @unit tokens/s */
  prefillTokensPerSec: z.number().nullable(),
  /** Median over one-request cases of (completion tokens - 1) / (latency - TTFT): one request's decode speed. @unit tokens/s */
  decodeTokensPerSec: z.number().nullable(),
});
export type DatasetPerformance = z.infer<typeof DatasetPerformanceSchema>;
