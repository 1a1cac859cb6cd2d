import { resolveRequestTimeouts, type RequestTimeouts } from '../shared/transport/timeouts.ts';
import { ConfigError } from '../shared/errors.ts';
import type { EvalEnv } from '../shared/config/env.ts';
import { listKeys } from './load-config.ts';
import type { EvalConfig, ModelConfig, PresetConfig, ReasoningConfig } from '../shared/config/schema.ts';
import type { Sampling } from '../shared/sampling.ts';
import { needsToolCalling, resolveVariants } from '../evals/registry.ts';
import { defaultToolCallParser, toolCallingArgs } from '../shared/config/tool-call-parsers.ts';
import {
  checkGpuCount,
  parallelServeArgs,
  planReplicas,
  resolveParallelism,
  type Parallelism,
  type ReplicaPlan,
} from './server/replica-plan.ts';
import { decideYarn, yarnArgs } from './server/yarn.ts';

/** Everything one model project needs to start its server and run its suites. Plain data: it crosses to workers. */
export interface ProjectSettings {
  modelKey: string;
  model: ModelConfig;
  /** A reasoning model's parser and this run's thinking switch (`EVAL_THINKING` over the config); null for other models. */
  reasoning: ReasoningConfig | null;
  presetName: string;
  preset: PresetConfig;
  /** Tensor and data parallel sizes and local replicas (model over preset over 1). */
  parallel: Parallelism;
  /** The local servers to launch, each with its GPUs. */
  replicas: ReplicaPlan[];
  /** Requests the client keeps in flight across all suites of the run. */
  inFlightLimit: number;
  limit: number | null;
  resultsDir: string;
  baseUrls: string[] | null;
  apiKey: string | null;
  thresholds: Record<string, Record<string, number>>;
  /** The model's sampling: config `sampling` under `models.<key>.sampling`. */
  sampling: Sampling;
  /** Variants to run per built-in dataset (config `variants` over the registry's defaults). */
  variants: Record<string, string[]>;
  /** vLLM's tool parser when a selected suite calls tools (the server then gets `--enable-auto-tool-choice --tool-call-parser`); else null. */
  toolCallParser: string | null;
  code: EvalConfig['code'];
  /** Client settings with the request timeouts resolved (environment > config > defaults from the largest maxTokens). */
  client: Omit<EvalConfig['client'], keyof RequestTimeouts> & RequestTimeouts;
  server: EvalConfig['server'];
  judge: JudgeSettings;
}

/** The judge of judged suites; null `baseUrl`/`model` = the evaluated server and model, through the dispatcher. */
export interface JudgeSettings {
  /** Base URL without the trailing `/v1`. */
  baseUrl: string | null;
  model: string | null;
  apiKey: string | null;
  temperature: number;
  maxTokens: number;
}

// Precedence: environment > config file > schema defaults.
export function resolveProjectSettings(config: EvalConfig, env: EvalEnv, modelKey: string): ProjectSettings {
  const model = config.models[modelKey];
  if (!model) throw new ConfigError(`Unknown model "${modelKey}"; expected one of ${listKeys(config.models)}.`);
  const presetName = env.EVAL_PRESET ?? config.defaultPreset;
  const preset = config.presets[presetName];
  if (!preset) {
    throw new ConfigError(`\`EVAL_PRESET\` is "${presetName}", expected one of ${listKeys(config.presets)}.`);
  }
  const parallel = resolveParallelism(model, preset);
  const gpuProblem = checkGpuCount(modelKey, presetName, model.gpus, parallel);
  if (gpuProblem) throw new ConfigError(gpuProblem);
  const baseUrls = env.EVAL_BASE_URL ?? null;
  // Every engine runs the preset's max-num-seqs: data-parallel engines inside a server, and each replica or URL.
  const engines = parallel.dataParallelSize * (baseUrls === null ? parallel.replicas : baseUrls.length);
  const defaultInFlight = Math.max(1, Math.round(preset.maxNumSeqs * engines * config.client.inFlightFactor));
  const judge = resolveJudge(config, env);
  const variants = resolveVariants(config.variants);
  return {
    modelKey,
    model,
    reasoning: model.reasoning ? { ...model.reasoning, thinking: env.EVAL_THINKING ?? model.reasoning.thinking } : null,
    presetName,
    preset,
    parallel,
    replicas: planReplicas(model.gpus, parallel),
    inFlightLimit: env.EVAL_MAX_IN_FLIGHT ?? defaultInFlight,
    limit: env.EVAL_LIMIT ?? null,
    resultsDir: env.EVAL_RESULTS_DIR ?? 'results',
    baseUrls,
    apiKey: env.EVAL_API_KEY ?? null,
    thresholds: config.thresholds[modelKey] ?? {},
    sampling: { ...config.sampling, ...model.sampling },
    variants,
    toolCallParser: needsToolCalling(config.evals, variants) ? resolveToolCallParser(modelKey, model) : null,
    code: { ...config.code, sandbox: env.EVAL_SANDBOX ?? config.code.sandbox },
    client: {
      ...config.client,
      ...resolveRequestTimeouts(config.client, env, longestGeneration({ ...config.sampling, ...model.sampling }.maxTokens, judge)),
    },
    server: {
      ...config.server,
      bin: env.EVAL_VLLM_BIN ?? config.server.bin,
      metricsIntervalMs: env.EVAL_METRICS_INTERVAL_MS ?? config.server.metricsIntervalMs,
    },
    judge,
  };
}

// `EVAL_THINKING` switches reasoning models; a config without one would silently ignore it, so that stops the run.
export function checkThinkingSwitch(config: EvalConfig, env: EvalEnv): void {
  if (env.EVAL_THINKING === undefined || Object.values(config.models).some((model) => model.reasoning)) return;
  throw new ConfigError(
    `\`EVAL_THINKING\` is "${env.EVAL_THINKING ? 'on' : 'off'}", but no model in the config is a reasoning model; give the model \`reasoning: { parser: 'qwen3' }\` (its vLLM \`--reasoning-parser\`) or unset EVAL_THINKING.`,
  );
}

// Most tokens one request through the dispatcher may generate: the suites' `maxTokens`, or the judge's when the
// evaluated server judges itself (its requests then share the batch a queued request waits behind).
function longestGeneration(maxTokens: number, judge: JudgeSettings): number {
  return judge.baseUrl === null ? Math.max(maxTokens, judge.maxTokens) : maxTokens;
}

// Environment > config file; an external judge needs both its URL and its model.
function resolveJudge(config: EvalConfig, env: EvalEnv): JudgeSettings {
  const baseUrl = env.EVAL_JUDGE_BASE_URL ?? config.judge.baseUrl ?? null;
  const model = env.EVAL_JUDGE_MODEL ?? config.judge.model ?? null;
  if ((baseUrl === null) !== (model === null)) {
    throw new ConfigError(
      baseUrl === null
        ? `The judge model is "${model}" but no judge endpoint is set; set \`EVAL_JUDGE_BASE_URL\` (or \`judge.baseUrl\`), or unset the model to let the evaluated server judge.`
        : `The judge endpoint is ${baseUrl} but no judge model is set; set \`EVAL_JUDGE_MODEL\` (or \`judge.model\`) to the model it serves.`,
    );
  }
  return {
    baseUrl: baseUrl === null ? null : baseUrl.replace(/\/+$/, '').replace(/\/v1$/, ''),
    model,
    apiKey: env.EVAL_JUDGE_API_KEY ?? null,
    temperature: config.judge.temperature,
    maxTokens: config.judge.maxTokens,
  };
}

// The model's own parser, else its default; a model without either cannot run tool-calling suites.
function resolveToolCallParser(modelKey: string, model: ModelConfig): string {
  const parser = model.toolCallParser ?? defaultToolCallParser(model.id);
  if (parser === null) {
    throw new ConfigError(
      `\`models.${modelKey}.toolCallParser\` is unset and ${model.id} has no default tool parser, but the selected suites call tools; name vLLM's parser for it (e.g. "llama3_json").`,
    );
  }
  return parser;
}

/** Tokens per streamed chunk after the first (`--stream-interval`). */
export const STREAM_INTERVAL = 16;

/** What the run asks of the server beyond the config: the context its suites need. */
export interface ServeNeeds {
  /** Longest context (prompt and answer) a selected suite needs; YaRN is switched on above the model's own. @unit tokens */
  contextTokens: number;
}

// Build `vllm serve` arguments; only flags vLLM v0.21 accepts (the old "V2 block manager" flag is gone).
export function buildServeArgs(
  settings: Pick<ProjectSettings, 'model' | 'preset'> & Partial<Pick<ProjectSettings, 'toolCallParser'>>,
  port: number,
  needs: ServeNeeds = { contextTokens: 0 },
): string[] {
  const { model, preset } = settings;
  const args = ['serve', model.id, '--host', '127.0.0.1', '--port', String(port)];
  args.push('--gpu-memory-utilization', String(preset.gpuMemoryUtilization));
  args.push('--max-num-seqs', String(preset.maxNumSeqs));
  args.push(preset.prefixCaching ? '--enable-prefix-caching' : '--no-enable-prefix-caching');
  // Neutral server defaults: requests carry explicit sampling, and nothing falls back to Qwen's generation_config.
  args.push('--generation-config', 'vllm');
  // Tokens reach the client in chunks of 16 (the first at once, so TTFT holds): far less client and server CPU.
  args.push('--stream-interval', String(STREAM_INTERVAL));
  args.push(...parallelServeArgs(resolveParallelism(model, preset)));
  if (model.quantization) args.push('--quantization', model.quantization);
  if (model.revision) args.push('--revision', model.revision);
  if (decideYarn(model, preset, needs.contextTokens).enabled) args.push(...yarnArgs(model));
  else if (model.maxModelLen) args.push('--max-model-len', String(model.maxModelLen));
  // Reasoning models: vLLM splits the reasoning into `message.reasoning`; thinking is switched per request.
  if (model.reasoning) args.push('--reasoning-parser', model.reasoning.parser);
  // Tool-calling suites (BFCL) ask with `tools`; vLLM answers those with a 400 unless started with a parser.
  if (settings.toolCallParser) args.push(...toolCallingArgs(settings.toolCallParser));
  args.push(...preset.extraArgs, ...model.extraArgs);
  return args;
}
