import { z } from 'zod';
import { ErrorInfoSchema, VerdictSchema } from './case-record.ts';
import { MetricSpecSchema, MetricValueSchema } from './metric.ts';

// The run record: one JSON file per run under `<EVAL_RESULTS_DIR>/runs/`, never overwritten.
// Bump RUN_RECORD_VERSION on any breaking change and keep a reader for the old shape.

export const RUN_RECORD_VERSION = 1;

/** Per-case entry of the run record, keyed by the dataset's own id. The full record lives in cases.jsonl. */
export const RunCaseSchema = z.object({
  verdict: VerdictSchema,
  scores: z.record(z.string(), z.number().nullable()),
  extracted: z.record(z.string(), z.string().nullable()).optional(),
  expected: z.string().optional(),
  error: ErrorInfoSchema.optional(),
});
export type RunCase = z.infer<typeof RunCaseSchema>;

/** A pinned dataset file: where it came from and what it must hash to. */
export const DatasetPinSchema = z.object({
  repository: z.string(),
  commit: z.string(),
  path: z.string(),
  sha256: z.string(),
});
export type DatasetPin = z.infer<typeof DatasetPinSchema>;

export const DatasetResultSchema = z.object({
  dataset: z.string(),
  variant: z.string(),
  /** Human label, e.g. "GSM8K (0-shot CoT, \\boxed{})". */
  label: z.string(),
  /** Metric reported first and gated by default. */
  primaryMetric: z.string(),
  metricSpecs: z.array(MetricSpecSchema),
  metrics: z.record(z.string(), MetricValueSchema),
  counts: z.object({
    cases: z.number().int().nonnegative(),
    correct: z.number().int().nonnegative(),
    wrong: z.number().int().nonnegative(),
    unparseable: z.number().int().nonnegative(),
    graded: z.number().int().nonnegative(),
    error: z.number().int().nonnegative(),
  }),
  /** Size of the full dataset split, so a limited run shows as "100 of 1319". */
  datasetSize: z.number().int().nonnegative().nullable(),
  pins: z.array(DatasetPinSchema),
  /** sha256 of the prompt template text (and few-shot block), to tell comparable runs apart. */
  promptHash: z.string(),
  /** For judge-graded suites: who judged, since scores from another judge are not comparable. */
  judge: z.object({ model: z.string(), baseUrl: z.string() }).nullable().default(null),
  cases: z.record(z.string(), RunCaseSchema),
});
export type DatasetResult = z.infer<typeof DatasetResultSchema>;

const PercentilesSchema = z
  .object({ mean: z.number(), p50: z.number(), p90: z.number(), p99: z.number() })
  .nullable();

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
});
export type Performance = z.infer<typeof PerformanceSchema>;

export const GateResultSchema = z.object({
  kind: z.enum(['threshold', 'baseline']),
  dataset: z.string(),
  metric: z.string(),
  passed: z.boolean(),
  score: z.number().nullable(),
  threshold: z.number().nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
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
});
export type ServerInfo = z.infer<typeof ServerInfoSchema>;

export const SamplingSchema = z.object({
  temperature: z.number(),
  topP: z.number(),
  seed: z.number().int(),
  maxTokens: z.number().int().positive(),
});
export type Sampling = z.infer<typeof SamplingSchema>;

export const RunRecordSchema = z.object({
  schemaVersion: z.literal(RUN_RECORD_VERSION),
  runId: z.string(),
  /** `partial`: some selected cases did not finish (EVAL_LIMIT runs are complete: they did what was asked). */
  status: z.enum(['complete', 'partial', 'interrupted']),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** True when the answers came from the simulated vLLM, not a model. */
  simulated: z.boolean(),
  project: z.string(),
  model: z.object({
    key: z.string(),
    id: z.string(),
    revision: z.string().nullable(),
    quantization: z.string().nullable(),
  }),
  preset: z.string(),
  server: ServerInfoSchema,
  sampling: SamplingSchema,
  harnessVersion: z.string(),
  git: z.object({ commit: z.string().nullable(), branch: z.string().nullable() }),
  /** Everything that makes two runs comparable; see src/history/fingerprint.ts. */
  fingerprint: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  fingerprintHash: z.string(),
  datasets: z.record(z.string(), DatasetResultSchema),
  performance: PerformanceSchema,
  gates: z.array(GateResultSchema),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;
