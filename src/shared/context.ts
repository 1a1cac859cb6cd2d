import { z } from 'zod';
import { BenchmarkConfigSchema } from './config/benchmark.ts';
import { CodeConfigSchema, GatesConfigSchema, ReasoningSchema } from './config/schema.ts';
import { KernelCheckSchema } from './quantization-kernel.ts';
import { SamplingSchema } from './sampling.ts';

// What the main process hands to eval workers (Vitest `provide` -> `inject`), and what the dispatcher's control
// endpoint tells them about the server. Plain data only: it is structured-cloned; validated where it is read.

/** A run the baseline gate may compare with, found by global setup in the history. */
export const BaselineCandidateSchema = z.object({
  runId: z.string(),
  /** Run record file; workers read the dataset they gate from it. */
  path: z.string(),
  startedAt: z.string(),
  /** Cases per dataset key the candidate recorded without error. */
  datasets: z.record(z.string(), z.number().int().nonnegative()),
});
export type BaselineCandidate = z.infer<typeof BaselineCandidateSchema>;

/** Where baselines come from: newest first; each dataset takes the first candidate covering its cases. */
export const BaselinePlanSchema = z.object({
  /** `history`: runs on the baseline branch that passed their gates; `file`/`folder`: `EVAL_BASELINE`. */
  source: z.enum(['history', 'file', 'folder']),
  /** What was searched, for messages (`results/runs on branch main`, a file path). */
  description: z.string(),
  candidates: z.array(BaselineCandidateSchema),
});
export type BaselinePlan = z.infer<typeof BaselinePlanSchema>;

/**
 * What the baseline gates read of the history, from the main process (`GET /_eval/history` on the dispatcher): read
 * there while the run's cases are asked, not before the workers start (a 1,000-run history takes ~0.5 s of CPU).
 */
export const GateHistorySchema = z.object({
  /** Null when no baseline gate runs (none configured). */
  baseline: BaselinePlanSchema.nullable(),
  /** Case ids that flipped between identical runs of this model before, per dataset key; the baseline gate leaves them out. */
  unstable: z.record(z.string(), z.array(z.string())),
});
export type GateHistory = z.infer<typeof GateHistorySchema>;

/** A stored run whose answers a replay (`EVAL_REPLAY`) scores again, without a server. */
export const ReplaySourceSchema = z.object({
  runId: z.string(),
  /** Its case records: the answers to score. */
  casesFile: z.string(),
  /** Its run record: the scores to compare with. */
  recordFile: z.string(),
  /** Each dataset's prompt hash in it: a replay's prompts are the recorded ones, not today's template's. */
  promptHashes: z.record(z.string(), z.string()).default({}),
});
export type ReplaySource = z.infer<typeof ReplaySourceSchema>;
/** One shard of a run spread over hosts with Vitest's `--shard <index>/<count>` (1-based index). */
export const ShardSchema = z.object({ index: z.number().int().positive(), count: z.number().int().positive() });
export type Shard = z.infer<typeof ShardSchema>;

/** The run a model project is recording; provided as `evalRun`. */
export const RunContextSchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  resultsDir: z.string(),
  /** Vitest project = model key. */
  project: z.string(),
  model: z.object({
    key: z.string(),
    id: z.string(),
    revision: z.string().nullable(),
    quantization: z.string().nullable(),
    reasoning: ReasoningSchema.nullable(),
  }),
  preset: z.string(),
  /** EVAL_LIMIT: first N cases of each dataset; null = all. */
  limit: z.number().int().positive().nullable(),
  /** `--shard i/n`: this run asks every n-th case of each dataset (of the first EVAL_LIMIT), starting at the i-th; null = all. */
  shard: ShardSchema.nullable(),
  /** Sampling of this model (config `sampling` under `models.<key>.sampling`). */
  sampling: SamplingSchema,
  /** Variants to run, per built-in dataset name. */
  variants: z.record(z.string(), z.array(z.string())),
  /**
   * vLLM's tool parser of the server when the run calls tools (launched with `--enable-auto-tool-choice --tool-call-parser`;
   * for an `EVAL_BASE_URL` server, the configured parser it is expected to run); null when no suite calls tools.
   */
  toolCallParser: z.string().nullable().default(null),
  code: CodeConfigSchema,
  /** Request retries and timeouts (config `client`, timeouts resolved with their environment variables). */
  client: z.object({
    maxRetries: z.number().int().nonnegative(),
    inFlightFactor: z.number().positive(),
    requestTimeoutMs: z.number().int().positive(),
    idleTimeoutMs: z.number().int().positive(),
    headersTimeoutMs: z.number().int().positive(),
  }),
  judge: z.object({
    baseUrl: z.string().nullable(),
    model: z.string().nullable(),
    apiKey: z.string().nullable(),
    temperature: z.number(),
    maxTokens: z.number().int().positive(),
  }),
  /** Minimum scores of this model, per dataset key and metric. */
  thresholds: z.record(z.string(), z.record(z.string(), z.number())),
  gates: GatesConfigSchema.pick({ minEffect: true, alpha: true, onIncomparable: true }),
  /** Case records of an earlier run to reuse (EVAL_RESUME); cases recorded there without error are not asked again. */
  resumeFrom: z.string().nullable(),
  /** The run whose answers this run scores again (EVAL_REPLAY); null = answers come from the server. */
  replay: ReplaySourceSchema.nullable().default(null),
  /** Dataset download base (a loopback mirror in tests and demos); null = the public pinned URLs. */
  datasetBaseUrl: z.string().nullable(),
  harnessVersion: z.string(),
  /** The run's dispatcher (owns the in-flight limit); every request goes here. */
  dispatcherUrl: z.string(),
  apiKey: z.string().nullable(),
  inFlightLimit: z.number().int().positive(),
  /** The serving benchmark's settings (config `benchmark`). */
  benchmark: BenchmarkConfigSchema,
});
export type RunContext = z.infer<typeof RunContextSchema>;

/** The server behind the dispatcher, as its control endpoint `GET /_eval/server` reports it. */
export const ServerStatusSchema = z.object({
  /** Upstream base URLs: the launched server or the EVAL_BASE_URL replicas. */
  upstreams: z.array(z.string()),
  /** How messages name the server: its URL and, when launched, that the harness started it. */
  label: z.string(),
  launched: z.boolean(),
  command: z.array(z.string()).nullable(),
  vllmVersion: z.string().nullable(),
  logFile: z.string().nullable(),
  maxNumSeqs: z.number().int().positive(),
  /** Simulation mode of the simulated vLLM (`gold`, `wrong`, `mix:0.3`, `script`); null = a real server. */
  simulation: z.string().nullable(),
  /** The quantization kernel vLLM chose, from the launched server's log; `unavailable` for an external server. */
  quantizationKernel: KernelCheckSchema.nullable().default(null),
  /** Context the server serves (prompt and answer), from GET /v1/models; null or absent when it does not say. @unit tokens */
  maxModelLen: z.number().int().positive().nullable().optional(),
});
export type ServerStatus = z.infer<typeof ServerStatusSchema>;
