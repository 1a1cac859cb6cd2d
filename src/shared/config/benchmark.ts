import { z } from 'zod';

// The `benchmark` config section: what `pnpm vitest run --project <model> throughput` measures (README, "Serving
// benchmark"). Definitions follow `vllm bench serve` (shared/vllm/bench.md).

const name = z.string().regex(/^[a-z0-9_.-]+$/, 'workload names are lower-case [a-z0-9_.-]');

/** Random token ids sent to `/v1/completions`: exact input length on any server, no tokenizer needed. */
export const RandomWorkloadSchema = z.strictObject({
  kind: z.literal('random'),
  /** @default `random-<input>x<output>` */
  name: name.optional(),
  /** Prompt length. @unit tokens */
  inputTokens: z.number().int().positive(),
  /** Output length, held with `ignore_eos`. @unit tokens */
  outputTokens: z.number().int().positive(),
  /** Distinct prompts to cycle through. @default 256 */
  prompts: z.number().int().positive().default(256),
});

/** A built-in dataset's own chat prompts (as its suite builds them) with a set output length. */
export const DatasetWorkloadSchema = z.strictObject({
  kind: z.literal('dataset'),
  /** @default the dataset key */
  name: name.optional(),
  /** Dataset key of a chat built-in, e.g. `gsm8k/0shot`, `humaneval/instruct`. */
  dataset: z.string().regex(/^[a-z0-9_]+\/[A-Za-z0-9_.-]+$/, 'a dataset key such as gsm8k/0shot'),
  /** Output length, held with `ignore_eos`. @unit tokens */
  outputTokens: z.number().int().positive(),
  /** Distinct prompts to cycle through (the dataset's first N). @default 256 */
  prompts: z.number().int().positive().default(256),
});

export const BenchWorkloadConfigSchema = z.discriminatedUnion('kind', [RandomWorkloadSchema, DatasetWorkloadSchema]);
export type BenchWorkloadConfig = z.output<typeof BenchWorkloadConfigSchema>;

/** A request-rate load point. */
export const RatePointSchema = z.strictObject({
  /** Requests per second. */
  requestRate: z.number().positive(),
  /** Gamma shape of the gaps: 1 = Poisson, < 1 burstier, > 1 more regular (as `--burstiness`). @default 1 */
  burstiness: z.number().positive().default(1),
  /** In-flight cap (`--max-concurrency`). @default none */
  maxConcurrency: z.number().int().positive().optional(),
});

export const BenchmarkConfigSchema = z.strictObject({
  /** @default a random 1024-in / 128-out workload and GSM8K's prompts with 256 tokens out */
  workloads: z
    .array(BenchWorkloadConfigSchema)
    .min(1)
    .default(() => [
      { kind: 'random' as const, inputTokens: 1024, outputTokens: 128, prompts: 256 },
      { kind: 'dataset' as const, dataset: 'gsm8k/0shot', outputTokens: 256, prompts: 256 },
    ]),
  /**
   * Closed-loop concurrency sweep. `auto`: 1, 2, 4, ... up to the preset's `--max-num-seqs` x the servers (replicas or
   * EVAL_BASE_URL entries), then twice that (past saturation, where requests queue on the server). @default 'auto'
   */
  concurrency: z.union([z.literal('auto'), z.array(z.number().int().positive()).min(1)]).default('auto'),
  /**
   * Request-rate points (gamma arrivals). `auto`: Poisson arrivals at 50% and 90% of the request throughput the
   * sweep measured at its highest concurrency, per workload. `[]`: none. @default 'auto'
   */
  rates: z.union([z.literal('auto'), z.array(RatePointSchema)]).default('auto'),
  /** Measured repeats of every load point; the tracker shows their median and spread. @default 3 */
  repeats: z.number().int().positive().default(3),
  /** Measured requests per concurrency point: this many per concurrent client, at least `minRequests`. @default 4 */
  requestsPerClient: z.number().int().positive().default(4),
  /** Fewest measured requests of a load point. @default 32 */
  minRequests: z.number().int().positive().default(32),
  /** Rate points send `requestRate` x this many seconds of requests (at least `minRequests`). @default 20 @unit seconds */
  rateDurationS: z.number().positive().default(20),
  /** Warm-up requests before each repeat (not measured): `auto` = one per client up to 16 at a concurrency point, 4 at a rate point. @default 'auto' */
  warmups: z.union([z.literal('auto'), z.number().int().nonnegative()]).default('auto'),
  /** Goodput SLOs: a request is good when each given latency is within it. @default ttft 1000 ms, tpot 50 ms */
  slo: z
    .strictObject({
      /** @unit milliseconds */
      ttftMs: z.number().positive().optional(),
      /** @unit milliseconds */
      tpotMs: z.number().positive().optional(),
      /** @unit milliseconds */
      e2elMs: z.number().positive().optional(),
    })
    .default({ ttftMs: 1000, tpotMs: 50 }),
  /** Seed of the random prompts and arrival gaps. @default 0 */
  seed: z.number().int().nonnegative().default(0),
  /** Deadline of one benchmark request, from sending to its last byte. @default 600000 @unit milliseconds */
  requestTimeoutMs: z.number().int().positive().default(600_000),
});
export type BenchmarkConfigInput = z.input<typeof BenchmarkConfigSchema>;
export type BenchmarkConfig = z.output<typeof BenchmarkConfigSchema>;
