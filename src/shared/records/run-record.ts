// Importing vitest here makes its TaskMeta re-export resolvable for the augmentation below, whatever the file order.
import type {} from 'vitest';
import { z } from 'zod';
import { ShardSchema } from '../context.ts';
import { KernelCheckSchema } from '../quantization-kernel.ts';
import { SamplingSchema } from '../sampling.ts';
import { DatasetAggregateSchema } from './aggregate.ts';
import { CaseRecordSchema, QualitySchema } from './case-record.ts';
import { BenchmarksSchema } from './benchmark.ts';
import { DatasetPerformanceSchema, PercentilesSchema } from './dataset-performance.ts';
import { MetricValueSchema } from './metric.ts';
import { RunPairingSchema } from './pairing.ts';
import { RopeScalingSchema } from './rope-scaling.ts';
import { ServerMetricsSchema } from './server-metrics.ts';
import { SuiteMetaSchema } from './suite-meta.ts';

// The run record: one JSON file per run under `<EVAL_RESULTS_DIR>/runs/`, never overwritten.
// Bump RUN_RECORD_VERSION on any breaking change and keep an upgrade from the old shape (./upgrade.ts).

export const RUN_RECORD_VERSION = 3;

/** Per-case entry of the run record, keyed by the dataset's own id. The full record lives in cases/<runId>.jsonl. */
export const RunCaseSchema = CaseRecordSchema.pick({
  verdict: true,
  scores: true,
  units: true,
  extracted: true,
  expected: true,
  error: true,
})
  .partial({ extracted: true, expected: true })
  .extend({
    /** 12 hex digits of the sha256 of the rendered prompt: tells a prompt edit apart from the server's noise. */
    promptHash: z.string().optional(),
    /** 12 hex digits of the sha256 of the response (null response: absent). */
    responseHash: z.string().optional(),
  });
export type RunCase = z.infer<typeof RunCaseSchema>;

/** Cases by verdict; `error` = the pipeline failed for the case, `skipped` = never asked (the run stopped). */
export const DatasetCountsSchema = z.object({
  cases: z.number().int().nonnegative(),
  correct: z.number().int().nonnegative(),
  wrong: z.number().int().nonnegative(),
  unparseable: z.number().int().nonnegative(),
  graded: z.number().int().nonnegative(),
  error: z.number().int().nonnegative(),
  /** Answers the server's tool parser could not read (verdict `parser_failed`): not scored, not model failures. */
  parserFailed: z.number().int().nonnegative().optional(),
});
export type DatasetCounts = z.infer<typeof DatasetCountsSchema>;

/** Data-quality counters of a dataset: the case quality facts summed, plus the failures worth telling apart. */
export const DatasetQualitySchema = QualitySchema.extend({
  /** Cases whose prompt did not fit the server's context window (vLLM's 400 "maximum context length"). */
  contextLength: z.number().int().nonnegative(),
  /** Cases with a response but no token usage from the server. */
  usageMissing: z.number().int().nonnegative(),
});
export type DatasetQuality = z.infer<typeof DatasetQualitySchema>;

/** A reasoning model's reasoning over a dataset's cases: how much of it, and who took it out of the answers. */
export const DatasetReasoningSchema = z.object({
  /** Cases whose answers had reasoning. */
  cases: z.number().int().nonnegative(),
  /** Mean reasoning tokens per case, over the cases whose count is known; null when none is. */
  meanTokens: z.number().nonnegative().nullable(),
  /** Cases with reasoning whose token count is unknown (the server neither reported nor counted it). */
  tokensUnknown: z.number().int().nonnegative(),
  /** Cases whose reasoning the harness took out of the answer (`<think>…</think>`): the server runs without `--reasoning-parser`. */
  splitByHarness: z.number().int().nonnegative(),
});
export type DatasetReasoning = z.infer<typeof DatasetReasoningSchema>;

export const DatasetResultSchema = SuiteMetaSchema.omit({ selected: true }).extend({
  metrics: z.record(z.string(), MetricValueSchema),
  counts: DatasetCountsSchema,
  quality: DatasetQualitySchema,
  /** Reasoning facts; null when no answer had reasoning (other models, thinking off). */
  reasoning: DatasetReasoningSchema.nullable().default(null),
  cases: z.record(z.string(), RunCaseSchema),
  /** Timings of the dataset's cases (absent in records written before they were kept). */
  performance: DatasetPerformanceSchema.optional(),
});
export type DatasetResult = z.infer<typeof DatasetResultSchema>;

/** System performance as measured by the client; null where it could not be measured. */
export const PerformanceSchema = z.object({
  wallMs: z.number().nonnegative(),
  requests: z.number().int().nonnegative(),
  failedRequests: z.number().int().nonnegative(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  requestsPerSec: z.number().nullable(),
  outputTokensPerSec: z.number().nullable(),
  ttftMs: PercentilesSchema,
  latencyMs: PercentilesSchema,
  /** Time-weighted mean of requests in flight while any request was in flight. */
  meanInFlight: z.number().nullable(),
  inFlightLimit: z.number().int().positive(),
  /** CPU time of the harness process (main thread and test worker threads) during the run; the server is not included. */
  clientCpuMs: z.number().nonnegative().nullable().default(null),
  /** Peak GPU memory in MiB from nvidia-smi; null when unavailable. */
  gpuMemoryMiB: z.number().nullable(),
  /** Requests answered from the response cache: not in `requests`, the tokens, throughput or latency. */
  cacheHits: z.number().int().nonnegative().default(0),
});
export type Performance = z.infer<typeof PerformanceSchema>;

export const GateResultSchema = z.object({
  kind: z.enum(['threshold', 'baseline']),
  dataset: z.string(),
  metric: z.string(),
  passed: z.boolean(),
  /** Why a passing gate did not really judge: no usable baseline, or a baseline whose fingerprint differs. */
  note: z.enum(['no-baseline', 'not-comparable']).optional(),
  score: z.number().nullable(),
  threshold: z.number().nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  /** Baseline run a baseline gate compared with. */
  baselineRunId: z.string().optional(),
  /** Flipped cases a baseline gate left out of its discordant pairs: they flip between identical runs (unstable). */
  unstableExcluded: z.array(z.string()).optional(),
  message: z.string(),
});
export type GateResult = z.infer<typeof GateResultSchema>;

export const ServerInfoSchema = z.object({
  /** True when the harness started `vllm serve` itself. */
  launched: z.boolean(),
  baseUrls: z.array(z.string()),
  /** argv of the launched server; null when an external server was used. */
  command: z.array(z.string()).nullable(),
  vllmVersion: z.string().nullable(),
  logFile: z.string().nullable(),
  maxNumSeqs: z.number().int().positive(),
  gpuName: z.string().nullable(),
  /** The quantization kernel vLLM chose (from the launched server's log); null in records written before the check. */
  quantizationKernel: KernelCheckSchema.nullable().default(null),
  /** Context the server served (prompt and answer), from GET /v1/models; null or absent when unknown. @unit tokens */
  maxModelLen: z.number().int().positive().nullable().optional(),
  /** RoPE scaling the launched server applied (YaRN for long contexts); null = none, or not known (an external server). */
  ropeScaling: RopeScalingSchema.nullable().default(null),
});
export type ServerInfo = z.infer<typeof ServerInfoSchema>;

/** Why a run did not finish what it was asked; null for a complete run. */
export const IncompleteSchema = z.object({
  reason: z.enum(['interrupted', 'server-failed', 'cases-failed']),
  message: z.string(),
});

export const RunRecordSchema = z.object({
  schemaVersion: z.literal(RUN_RECORD_VERSION),
  runId: z.string(),
  /** `partial`: some selected cases did not finish (EVAL_LIMIT runs are complete: they did what was asked). */
  status: z.enum(['complete', 'partial', 'interrupted']),
  incomplete: IncompleteSchema.nullable().default(null),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Simulation mode when the answers came from the simulated vLLM (`gold`, `wrong`, `mix:0.3`, `script`); null = a model. */
  simulation: z.string().nullable(),
  project: z.string(),
  model: z.object({
    key: z.string(),
    id: z.string(),
    revision: z.string().nullable(),
    quantization: z.string().nullable(),
    /** Reasoning models: the parser and whether thinking was on. */
    reasoning: z.object({ parser: z.string(), thinking: z.boolean() }).nullable().default(null),
  }),
  preset: z.string(),
  /** Set when this run is one shard (`--shard i/n`) of a run spread over hosts; `qwen-evals merge` joins the shards. */
  shard: ShardSchema.nullable().default(null),
  /** Run ids of the shards this record was merged from (`qwen-evals merge`); empty for a run that ran as one. */
  mergedFrom: z.array(z.string()).default([]),
  server: ServerInfoSchema,
  sampling: SamplingSchema,
  harnessVersion: z.string(),
  git: z.object({ commit: z.string().nullable(), branch: z.string().nullable() }),
  /** Everything that makes two runs comparable; see src/shared/history/fingerprint.ts. */
  fingerprint: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  fingerprintHash: z.string(),
  datasets: z.record(z.string(), DatasetResultSchema),
  /** Scores across several dataset keys (BFCL's overall), as each dataset's registry entry computes them. */
  aggregates: z.array(DatasetAggregateSchema).optional(),
  performance: PerformanceSchema,
  /** The serving benchmark, when the run was one (`pnpm vitest run --project <model> throughput`); else null. */
  benchmarks: BenchmarksSchema.nullable().default(null),
  /** The servers' /metrics and nvidia-smi sampled during the run; null when nothing could be sampled. */
  serverMetrics: ServerMetricsSchema.nullable().default(null),
  gates: z.array(GateResultSchema),
  /** Run whose recorded answers this run scored again (`EVAL_REPLAY`); null when it asked a server. */
  replayOf: z.string().nullable().default(null),
  /** Paired comparison with the run this one follows (a watch re-run's previous run, a replay's replayed run). */
  comparison: RunPairingSchema.nullable().default(null),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

/** True when the run's answers came from the simulated vLLM. */
export function isSimulated(run: Pick<RunRecord, 'simulation'>): boolean {
  return run.simulation !== null;
}

/** True when every gate of the run passed. */
export function gatesPassed(run: Pick<RunRecord, 'gates'>): boolean {
  return run.gates.every((gate) => gate.passed);
}

declare module 'vitest' {
  interface TaskMeta {
    /** Gate results of an eval suite, on its `gate` test. */
    evalGates?: GateResult[];
  }
}
