import { z } from 'zod';
import { SamplingSchema } from '../sampling.ts';
import { BenchmarkConfigSchema } from './benchmark.ts';

// The user configuration contract (`qwen-evals.config.ts`), validated once at the boundary.

/** Quantization methods vLLM v0.21 accepts for `--quantization` that make sense for Qwen checkpoints. */
export const QuantizationSchema = z.enum(['awq', 'awq_marlin', 'gptq', 'gptq_marlin', 'fp8', 'bitsandbytes', 'compressed-tensors']);

/** The `--reasoning-parser` names vLLM v0.21 accepts (shared/vllm/serve-flags.tsv); `qwen3` for Qwen3, `deepseek_r1` for R1 and QwQ. */
export const REASONING_PARSERS = [
  'cohere_command3',
  'cohere_command4',
  'deepseek_r1',
  'deepseek_v3',
  'deepseek_v4',
  'ernie45',
  'gemma4',
  'glm45',
  'granite',
  'holo2',
  'hunyuan_a13b',
  'hy_v3',
  'kimi_k2',
  'mimo',
  'minimax_m2',
  'minimax_m2_append_think',
  'mistral',
  'nemotron_v3',
  'olmo3',
  'openai_gptoss',
  'poolside_v1',
  'qwen3',
  'seed_oss',
  'step3',
  'step3p5',
] as const;

/**
 * How a reasoning model (Qwen3, DeepSeek-R1 style) runs: vLLM splits its reasoning from the answer, which alone is
 * scored; the reasoning and its tokens are recorded apart.
 * @example reasoning: { parser: 'qwen3', thinking: false }
 */
export const ReasoningSchema = z.strictObject({
  /** vLLM's `--reasoning-parser` for this model, e.g. `qwen3`; passed to `vllm serve`. */
  parser: z.enum(REASONING_PARSERS, { error: `expected a vLLM v0.21 reasoning parser (${REASONING_PARSERS.join(', ')})` }),
  /** Thinking on or off, sent as `chat_template_kwargs.enable_thinking` on every request; `EVAL_THINKING` overrides it. @default true */
  thinking: z.boolean().default(true),
});
export type ReasoningConfig = z.output<typeof ReasoningSchema>;

/**
 * How one model's server scales out: vLLM's own tensor and data parallelism inside one server, and several local
 * servers (replicas) behind the harness's least-loaded balancing. Each replica uses tensorParallelSize x
 * dataParallelSize GPUs of its own.
 */
export const ParallelismSchema = {
  /** `--tensor-parallel-size`: shard every layer over this many GPUs of one server. @default 1 */
  tensorParallelSize: z.number().int().positive().optional(),
  /** `--data-parallel-size`: engine replicas inside one server, behind one port (vLLM balances them). @default 1 */
  dataParallelSize: z.number().int().positive().optional(),
  /**
   * Local `vllm serve` processes, each on its own GPUs (`CUDA_VISIBLE_DEVICES`) and port, behind the harness's
   * least-loaded dispatcher. @default 1
   */
  replicas: z.number().int().positive().optional(),
};

export const ModelSchema = z.strictObject({
  /** Hugging Face repository id passed to `vllm serve`, e.g. `Qwen/Qwen2.5-7B-Instruct`. */
  id: z.string().min(1),
  /** Branch, tag or commit of the model repository (`--revision`). */
  revision: z.string().min(1).optional(),
  /** `--quantization`; leave unset for AWQ checkpoints unless you want to force a kernel. */
  quantization: QuantizationSchema.optional(),
  /** `--max-model-len` in tokens; default: the model's own context length. */
  maxModelLen: z.number().int().positive().optional(),
  /** Extra `vllm serve` flags, appended after the preset's, e.g. `['--enforce-eager']`. */
  extraArgs: z.array(z.string()).default([]),
  /**
   * GPU indices this model's server uses (`CUDA_VISIBLE_DEVICES`). Models with disjoint sets run at the same
   * time; models without a set share the machine's GPUs and run one after another. @default all GPUs (with `replicas`
   * above 1: GPUs 0 up to tensor x data parallel x replicas - 1, one block per replica)
   */
  gpus: z.array(z.number().int().nonnegative()).min(1).optional(),
  ...ParallelismSchema,
  /** This model's own sampling defaults, over the top-level `sampling`. */
  sampling: SamplingSchema.partial().optional(),
  /** Reasoning models: the parser vLLM splits the reasoning with, and thinking on or off. */
  reasoning: ReasoningSchema.optional(),
  /**
   * vLLM's `--tool-call-parser` for this model, passed with `--enable-auto-tool-choice` when the run includes a suite that
   * calls tools (BFCL); one of vLLM v0.21's parsers, or a plugin's name with `--tool-parser-plugin` in `extraArgs`.
   * @default 'hermes' for Qwen2.5, Qwen3 and QwQ ids except the Coder models; other models must name theirs (e.g.
   * `llama3_json`, `qwen3_coder`)
   */
  toolCallParser: z.string().min(1).optional(),
  /** Parameter count in billions, for the tracker. */
  sizeB: z.number().positive().optional(),
  /**
   * The model's native context length in tokens (its `max_position_embeddings`, before RoPE scaling), shown in the
   * tracker. A 32768-token model whose run includes longer long-context lengths is served with YaRN up to 131072.
   */
  contextLength: z.number().int().positive().optional(),
  license: z.string().optional(),
});
export type ModelConfig = z.infer<typeof ModelSchema>;

export const PresetSchema = z.strictObject({
  /** `--gpu-memory-utilization`, share of total GPU memory (0, 1]. */
  gpuMemoryUtilization: z.number().gt(0).lte(1),
  /** `--max-num-seqs`: sequences the server runs at once; the client's in-flight limit derives from it. */
  maxNumSeqs: z.number().int().positive(),
  /** Prefix caching on (`--enable-prefix-caching`) or off (`--no-enable-prefix-caching`). */
  prefixCaching: z.boolean(),
  /** Scale-out for every model run with this preset; a model's own settings win. */
  ...ParallelismSchema,
  /** Extra `vllm serve` flags for this preset. */
  extraArgs: z.array(z.string()).default([]),
});
export type PresetConfig = z.infer<typeof PresetSchema>;

export const ClientConfigSchema = z.strictObject({
  /** In-flight requests per server slot: vLLM queues the surplus, so the batch refills without waiting a step. @default 2 */
  inFlightFactor: z.number().positive().default(2),
  /** Retries on 408/409/429/5xx and connection errors, with exponential backoff. @default 2 */
  maxRetries: z.number().int().min(0).default(2),
  /**
   * Per try, from sending upstream to the last byte (time queued in the harness's dispatcher never counts).
   * @unit milliseconds @default 2 x the idle timeout, at least 2 x its default (env EVAL_REQUEST_TIMEOUT_MS)
   */
  requestTimeoutMs: z.number().int().positive().optional(),
  /**
   * Silence while a response is read: before a stream's first chunk (queueing behind a full batch, prefill) and
   * between chunks. Default: max(300000, 250 x the run's longest generation), the longest being the model's
   * `sampling.maxTokens`, or `judge.maxTokens` when the server judges itself and that is larger: 512000 with the
   * defaults (1024, 2048). An eval's own `maxTokens` is not counted; the floor covers up to 1200 tokens.
   * @unit milliseconds (env EVAL_IDLE_TIMEOUT_MS)
   */
  idleTimeoutMs: z.number().int().positive().optional(),
  /** Streamed requests: from sending to the response headers, which vLLM sends before queueing. @unit milliseconds @default 120000 */
  headersTimeoutMs: z.number().int().positive().optional(),
});

export const ServerConfigSchema = z.strictObject({
  /** Executable started as `<bin> serve MODEL ...`. @default 'vllm' (env EVAL_VLLM_BIN) */
  bin: z.string().min(1).default('vllm'),
  /** How long to wait for `/health` after launch, in milliseconds (cold starts take minutes). @default 900000 */
  readinessTimeoutMs: z.number().int().positive().default(900_000),
  /** Grace period between SIGTERM and SIGKILL of the server's process group, in milliseconds. @default 20000 */
  shutdownGraceMs: z.number().int().positive().default(20_000),
  /**
   * How often every replica's `/metrics` (and `nvidia-smi`, when present) is sampled during a run.
   * @default 2000 @unit milliseconds (env EVAL_METRICS_INTERVAL_MS)
   */
  metricsIntervalMs: z.number().int().positive().default(2_000),
});

/**
 * Which variants of each built-in dataset run, by dataset name (`gsm8k: ['0shot', '8shot']`); datasets not listed
 * run their default variants. Names and variants are checked against the registry of built-in datasets.
 */
export const VariantsConfigSchema = z.record(z.string(), z.array(z.string()).min(1));
export type VariantsConfig = z.output<typeof VariantsConfigSchema>;

/** Which evals the model projects run. */
export const EvalsConfigSchema = z.strictObject({
  /** Built-in datasets by name (`gsm8k`, `arc_challenge`, ...), or `'all'`, or `[]` for none. @default 'all' */
  builtins: z.union([z.literal('all'), z.array(z.string())]).default('all'),
  /** Globs of your own eval files, relative to the Vitest root. @default ['evals/**\/*.eval.ts'] */
  include: z.array(z.string()).default(['evals/**/*.eval.ts']),
});
export type EvalsConfig = z.output<typeof EvalsConfigSchema>;

/** Per dataset key (`gsm8k/0shot`), per metric: the minimum score. */
export const ThresholdsSchema = z.record(z.string(), z.record(z.string(), z.number().min(0)));

/** Model-generated code: where it runs and how it is sampled for pass@k. */
export const CodeConfigSchema = z.strictObject({
  /** `bwrap` (isolated, fails closed when bubblewrap is missing) or `unsafe-rlimits-only` (opt-in, loud warning). @default 'bwrap' (env EVAL_SANDBOX) */
  sandbox: z.enum(['bwrap', 'unsafe-rlimits-only']).default('bwrap'),
  /** Samples per problem; 1 = greedy pass@1, more = pass@k with the unbiased estimator. @default 1 */
  samples: z.number().int().positive().default(1),
  /** Sampling temperature when `samples` > 1. @default 0.8 */
  temperature: z.number().min(0).default(0.8),
  /** k values reported when `samples` > 1 (each k <= samples). @default [1, 10] */
  passAtK: z.array(z.number().int().positive()).default([1, 10]),
});
export type CodeConfig = z.output<typeof CodeConfigSchema>;

/** Baseline comparison: fail only on a significant regression larger than `minEffect`. */
export const GatesConfigSchema = z.strictObject({
  /** Smallest regression that fails, absolute on [0, 1] metrics. @default 0.02 */
  minEffect: z.number().min(0).max(1).default(0.02),
  /** Significance level of the paired test. @default 0.05 */
  alpha: z.number().gt(0).lt(1).default(0.05),
  /** What a baseline with score-changing fingerprint differences does: `warn` (mark loudly) or `fail`. @default 'warn' */
  onIncomparable: z.enum(['warn', 'fail']).default('warn'),
  /** Branch whose newest complete run is the baseline when EVAL_BASELINE is unset. @default 'main' */
  baselineBranch: z.string().min(1).default('main'),
});

/**
 * The LLM judge of judged suites (MT-Bench). Unset `baseUrl` and `model`: the evaluated server and model judge
 * themselves, through the run's dispatcher. The API key comes from `EVAL_JUDGE_API_KEY` only.
 */
export const JudgeConfigSchema = z.strictObject({
  /** OpenAI-compatible base URL of the judge, with or without `/v1`; needs `model`. @default the evaluated server (env EVAL_JUDGE_BASE_URL) */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Model id the judge endpoint serves, e.g. `gpt-4`; needs `baseUrl`. @default the evaluated model (env EVAL_JUDGE_MODEL) */
  model: z.string().min(1).optional(),
  /** FastChat judges greedily. @default 0 */
  temperature: z.number().min(0).default(0),
  /** Upper bound of judgment tokens (FastChat: 2048). @default 2048 */
  maxTokens: z.number().int().positive().default(2048),
});

/** The three server presets a config gets when it names none: throughput first, the default, and room to spare. */
export const DEFAULT_PRESETS = {
  performance: { gpuMemoryUtilization: 0.9, maxNumSeqs: 128, prefixCaching: true },
  balanced: { gpuMemoryUtilization: 0.85, maxNumSeqs: 64, prefixCaching: true },
  memory_optimized: { gpuMemoryUtilization: 0.7, maxNumSeqs: 32, prefixCaching: false },
} satisfies Record<string, z.input<typeof PresetSchema>>;

export const EvalConfigSchema = z.strictObject({
  models: z.record(z.string().regex(/^[a-z0-9_]+$/, 'model keys are lower-case [a-z0-9_]'), ModelSchema),
  /** Server presets by name (`EVAL_PRESET`). @default DEFAULT_PRESETS: performance, balanced, memory_optimized */
  presets: z.record(z.string().regex(/^[a-z0-9_]+$/), PresetSchema).prefault(() => structuredClone(DEFAULT_PRESETS)),
  /** Preset used when `EVAL_PRESET` is unset. @default 'balanced' */
  defaultPreset: z.string().default('balanced'),
  /** Minimum scores per model key, then per dataset key and metric. */
  thresholds: z.record(z.string(), ThresholdsSchema).default({}),
  evals: EvalsConfigSchema.prefault({}),
  variants: VariantsConfigSchema.default({}),
  gates: GatesConfigSchema.prefault({}),
  code: CodeConfigSchema.prefault({}),
  sampling: SamplingSchema.prefault({}),
  client: ClientConfigSchema.prefault({}),
  server: ServerConfigSchema.prefault({}),
  judge: JudgeConfigSchema.prefault({}),
  /** The serving benchmark (`pnpm vitest run --project <model> throughput`). */
  benchmark: BenchmarkConfigSchema.prefault({}),
});
export type EvalConfigInput = z.input<typeof EvalConfigSchema>;
export type EvalConfig = z.output<typeof EvalConfigSchema>;

/**
 * Type a `qwen-evals.config.ts` (identity: validation happens in `withEvals`, with every problem and its path).
 * @example export default defineEvalConfig({ models: { qwen7b: { id: 'Qwen/Qwen2.5-7B-Instruct' } } });
 */
export function defineEvalConfig(config: EvalConfigInput): EvalConfigInput {
  return config;
}
