import { z } from 'zod';
import { DistributionSchema } from '../stats/percentiles.ts';

// The `benchmarks` part of a run record: a serving benchmark with the definitions of `vllm bench serve`
// (shared/vllm/bench.md): per load point and repeat, TTFT / TPOT / ITL / E2EL in ms, throughputs, goodput, failures.

/** How requests were released: a closed loop of `concurrency` clients, or arrivals at a rate (gamma gaps). */
export const BenchLoadSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('concurrency'), concurrency: z.number().int().positive() }),
  z.object({
    kind: z.literal('rate'),
    /** Requests per second. */
    requestRate: z.number().positive(),
    /** Gamma shape of the gaps: 1 = Poisson, < 1 burstier, > 1 more regular. */
    burstiness: z.number().positive(),
    /** In-flight cap; null = none. */
    maxConcurrency: z.number().int().positive().nullable(),
  }),
]);
export type BenchLoad = z.infer<typeof BenchLoadSchema>;

/** The client's own load while it measured: how busy its event loop was, how late it sent requests. */
export const BenchClientSchema = z.object({
  /** Share of the load generator thread's time spent running (not waiting on I/O), 0..1. */
  eventLoopUtilization: z.number(),
  /** How late requests left against their planned send time (rate points) or the slot freeing (concurrency points). */
  sendLagMs: DistributionSchema.nullable(),
});

/** One measured repeat of a load point, as `vllm bench serve` would print it. */
export const BenchRepeatSchema = z.object({
  /** Requests that streamed a first content event and finished. */
  completed: z.number().int().nonnegative(),
  /** HTTP errors, connection errors, or no content event at all. */
  failed: z.number().int().nonnegative(),
  /** Streams that ended without a finish reason or with fewer tokens than asked (ignore_eos). */
  incomplete: z.number().int().nonnegative(),
  /** First release to the last request's end. @unit milliseconds */
  durationMs: z.number().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  /** Completed requests per second. */
  requestThroughput: z.number(),
  /** Output tokens per second. */
  outputThroughput: z.number(),
  /** Prompt plus output tokens per second. */
  totalTokenThroughput: z.number(),
  /** Requests per second meeting every SLO; null when no SLO was set. */
  goodput: z.number().nullable(),
  /** Most requests in flight at once (client side). */
  peakConcurrency: z.number().int().nonnegative(),
  ttftMs: DistributionSchema.nullable(),
  tpotMs: DistributionSchema.nullable(),
  /** Per streamed chunk (one gap per content event), pooled over all requests. */
  itlMs: DistributionSchema.nullable(),
  e2elMs: DistributionSchema.nullable(),
  client: BenchClientSchema,
  /** The first failure's message, when any request failed. */
  firstError: z.string().nullable(),
});
export type BenchRepeat = z.infer<typeof BenchRepeatSchema>;

/** One load point of one workload, measured `repeats.length` times. */
export const BenchPointSchema = z.object({
  workload: z.string(),
  load: BenchLoadSchema,
  /** Measured requests per repeat. */
  requests: z.number().int().positive(),
  /** Warm-up requests sent before each repeat, not measured. */
  warmups: z.number().int().nonnegative(),
  repeats: z.array(BenchRepeatSchema),
});
export type BenchPoint = z.infer<typeof BenchPointSchema>;

/** What a workload sent. */
export const BenchWorkloadSchema = z.object({
  name: z.string(),
  kind: z.enum(['random', 'dataset']),
  endpoint: z.enum(['completions', 'chat']),
  /** Dataset key of a dataset workload (`gsm8k/0shot`); null for random prompts. */
  dataset: z.string().nullable(),
  /** Prompt length asked for (random prompts are exact token ids); null for dataset prompts. */
  inputTokens: z.number().int().positive().nullable(),
  /** Output length asked for, held with `ignore_eos`. */
  outputTokens: z.number().int().positive(),
  /** Distinct prompts the workload cycles through. */
  prompts: z.number().int().positive(),
});
export type BenchWorkload = z.infer<typeof BenchWorkloadSchema>;

/** The simulated vLLM's timing parameters (`GET /_sim/timing`); see src/simulator/README.md, "Timing model". */
export const SimulatedTimingSchema = z.object({
  stepMs: z.number(),
  perSeqMs: z.number(),
  prefillPerTokenMs: z.number(),
  maxNumSeqs: z.number().int().positive(),
  streamInterval: z.number().int().positive(),
});
export type SimulatedTiming = z.infer<typeof SimulatedTimingSchema>;

/** Service-level objectives of goodput, in milliseconds; null = not part of it. */
export const SloSchema = z.object({ ttftMs: z.number().nullable(), tpotMs: z.number().nullable(), e2elMs: z.number().nullable() });
export type Slo = z.infer<typeof SloSchema>;

/** A run's serving benchmark. */
export const BenchmarksSchema = z.object({
  /** The preset's `--max-num-seqs` (per replica). */
  maxNumSeqs: z.number().int().positive(),
  replicas: z.number().int().positive(),
  /** `--stream-interval` of the server (ITL is per chunk); null when unknown. */
  streamInterval: z.number().int().positive().nullable(),
  /** Set when the server was the simulated vLLM: every number here is simulated with these parameters. */
  simulatedTiming: SimulatedTimingSchema.nullable(),
  slo: SloSchema,
  seed: z.number().int(),
  /** Hash of what was measured (workloads, load shapes, SLOs, simulated timing): runs with the same hash compare. */
  definitionHash: z.string(),
  workloads: z.array(BenchWorkloadSchema),
  points: z.array(BenchPointSchema),
});
export type Benchmarks = z.infer<typeof BenchmarksSchema>;

/** What a benchmark run states once, before its points: everything but the points (suite meta `evalBenchmark`). */
export const BenchmarkHeaderSchema = BenchmarksSchema.omit({ points: true });
export type BenchmarkHeader = z.infer<typeof BenchmarkHeaderSchema>;

/** One measured request, as the reporter appends it to `benchmarks/<runId>.requests.jsonl` (like `--save-detailed`). */
export const BenchRequestDetailSchema = z.object({
  workload: z.string(),
  /** `concurrency 8`, `rate 2.5/s (burstiness 1)`. */
  load: z.string(),
  /** 0-based repeat. */
  repeat: z.number().int().nonnegative(),
  outcome: z.enum(['completed', 'failed', 'incomplete']),
  ttftMs: z.number().nullable(),
  /** 0 for single-token answers (as goodput counts them). */
  tpotMs: z.number().nullable(),
  e2elMs: z.number().nullable(),
  promptTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  error: z.string().nullable(),
});
export type BenchRequestDetail = z.infer<typeof BenchRequestDetailSchema>;
