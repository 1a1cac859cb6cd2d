import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { formatZodIssues } from '../format-zod-issues.ts';

// The harness's environment variables. Values are trimmed; empty means unset.

const optionalString = z
  .string()
  .transform((v) => v.trim())
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const positiveInt = (name: string) =>
  optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, `${name} must be a positive integer`)
      .transform(Number)
      .refine((n) => n > 0, `${name} must be greater than 0`)
      .optional(),
  );

// 1/true/yes or 0/false/no, any case.
const flag = (name: string) =>
  optionalString.pipe(
    z
      .string()
      .regex(/^(1|true|yes|0|false|no)$/i, `${name} must be 1 or 0`)
      .transform((v) => /^(1|true|yes)$/i.test(v))
      .optional(),
  );

export const EvalEnvSchema = z.object({
  /** Preset name; default from the config (`balanced`). */
  EVAL_PRESET: optionalString,
  /** Use these running OpenAI-compatible servers (comma-separated replicas) instead of launching vLLM. */
  EVAL_BASE_URL: optionalString.pipe(
    z
      .string()
      .transform((v) => v.split(',').map(normalizeBaseUrl).filter(Boolean))
      .pipe(z.array(z.url({ protocol: /^https?$/, error: 'each EVAL_BASE_URL entry must be an http(s) URL' })).min(1))
      .optional(),
  ),
  /** API key sent to the server(s). */
  EVAL_API_KEY: optionalString,
  /** Evaluate only the first N cases of each dataset. */
  EVAL_LIMIT: positiveInt('EVAL_LIMIT'),
  /** Where run records, logs and the tracker go. @default 'results' */
  EVAL_RESULTS_DIR: optionalString,
  /**
   * The client's in-flight limit. Default: `client.inFlightFactor` x the preset's max sequences x every engine (data
   * parallel size x replicas, or the number of EVAL_BASE_URL entries).
   */
  EVAL_MAX_IN_FLIGHT: positiveInt('EVAL_MAX_IN_FLIGHT'),
  /** The `vllm` executable to launch. */
  EVAL_VLLM_BIN: optionalString,
  /** Serve datasets from this local directory (laid out like shared/datasets) on loopback instead of the public hosts. */
  EVAL_DATASET_MIRROR: optionalString,
  /** A mirror serving `/{repository}/{commit}/{path}`, asked for the datasets instead of the public hosts. */
  EVAL_DATASET_BASE_URL: optionalString.pipe(
    z.url({ protocol: /^https?$/, error: 'EVAL_DATASET_BASE_URL must be an http(s) URL' }).optional(),
  ),
  /** Where verified dataset files are cached. @default '.cache/datasets' */
  EVAL_CACHE_DIR: optionalString,
  /** `1`: never download a dataset; only the cache serves them. */
  EVAL_OFFLINE: flag('EVAL_OFFLINE'),
  /** The run the baseline gates compare with: a run record file, or a results folder to take the newest fitting run from. */
  EVAL_BASELINE: optionalString,
  /** OpenAI-compatible judge endpoint (MT-Bench); needs EVAL_JUDGE_MODEL. Default: the evaluated server judges itself. */
  EVAL_JUDGE_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'EVAL_JUDGE_BASE_URL must be an http(s) URL' }).optional()),
  /** Model id of the judge endpoint, e.g. `gpt-4`. */
  EVAL_JUDGE_MODEL: optionalString,
  /** API key sent to the judge endpoint. */
  EVAL_JUDGE_API_KEY: optionalString,
  /** Code sandbox isolation: `bwrap` or `unsafe-rlimits-only` (opt-in). */
  EVAL_SANDBOX: optionalString.pipe(
    z.enum(['bwrap', 'unsafe-rlimits-only'], { error: 'EVAL_SANDBOX must be bwrap or unsafe-rlimits-only' }).optional(),
  ),
  /** Resume an interrupted run: its run id (cases/<runId>.jsonl under the results dir) or a cases .jsonl path. */
  EVAL_RESUME: optionalString,
  /** Score a stored run's answers again with today's scorers, without a server: its run id. */
  EVAL_REPLAY: optionalString,
  /**
   * Response cache: `off`, `read` (answer from it, never add) or `readwrite`. Unset: `readwrite` for temperature-0
   * requests in watch mode, `read` in a replay, `off` otherwise.
   */
  EVAL_CACHE: optionalString.pipe(z.enum(['off', 'read', 'readwrite'], { error: 'EVAL_CACHE must be off, read or readwrite' }).optional()),
  /** Size limit of the response cache in MiB; the least recently used answers are evicted above it. @default 1024 */
  EVAL_CACHE_MAX_MB: positiveInt('EVAL_CACHE_MAX_MB'),
  /** Silence allowed while a response is read (before a stream's first chunk and between chunks), in milliseconds. */
  EVAL_IDLE_TIMEOUT_MS: positiveInt('EVAL_IDLE_TIMEOUT_MS'),
  /** Time allowed per try, from sending to the last byte, in milliseconds. */
  EVAL_REQUEST_TIMEOUT_MS: positiveInt('EVAL_REQUEST_TIMEOUT_MS'),
  /** How often server metrics are sampled during a run, in milliseconds (config `server.metricsIntervalMs`). */
  EVAL_METRICS_INTERVAL_MS: positiveInt('EVAL_METRICS_INTERVAL_MS'),
  /** Reasoning models: thinking `on` or `off` for this run, over `models.<key>.reasoning.thinking`. */
  EVAL_THINKING: optionalString.pipe(
    z
      .enum(['on', 'off'], { error: 'EVAL_THINKING must be on or off' })
      .transform((v) => v === 'on')
      .optional(),
  ),
  /** `gold`, `wrong` or `mix:<share correct>`: launch the simulated vLLM scripted from the datasets' own answers. */
  EVAL_SIMULATE: optionalString.pipe(
    z
      .string()
      .regex(/^(gold|wrong|mix:(0(\.\d+)?|1(\.0+)?))$/, 'EVAL_SIMULATE must be gold, wrong or mix:<0..1>')
      .optional(),
  ),
});
export type EvalEnv = z.output<typeof EvalEnvSchema>;

// `http://host:8000/v1` (the OpenAI SDK's convention) and `http://host:8000` name the same server.
function normalizeBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/\/v1$/, '');
}

// Parse the harness's environment; throws ConfigError naming each bad variable.
export function parseEvalEnv(env: NodeJS.ProcessEnv = process.env): EvalEnv {
  return parseEnvWith(EvalEnvSchema, env);
}

/** Parse the variables `schema` names (a part of EvalEnvSchema, for a layer that reads only its own); throws ConfigError naming each bad one. */
export function parseEnvWith<Schema extends z.ZodObject>(schema: Schema, env: NodeJS.ProcessEnv = process.env): z.output<Schema> {
  const picked = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, env[key]]));
  const result = schema.safeParse(picked);
  if (!result.success) {
    throw new ConfigError(`Invalid environment:\n${formatZodIssues(result.error, picked)}`, { cause: result.error });
  }
  return result.data;
}
