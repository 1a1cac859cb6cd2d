import { EvalEnvSchema, parseEnvWith } from '../config/env.ts';

// The dataset layer's environment variables (part of the harness's, src/shared/config/env.ts). Values are trimmed;
// empty means unset.

/** Dataset settings read from the environment. */
export interface DatasetEnv {
  /** `EVAL_CACHE_DIR`: where verified dataset files are cached. */
  cacheDir: string | undefined;
  /** `EVAL_DATASET_BASE_URL`: mirror serving `/{repository}/{commit}/{path}`, used instead of the public hosts. */
  baseUrl: string | undefined;
  /** `EVAL_OFFLINE=1`: never download; use only the cache. */
  offline: boolean;
}

/** Environment variables that change where datasets come from; named in error messages. */
export const DATASET_ENV_HINT =
  'Without network access: set `EVAL_DATASET_MIRROR` to a local folder laid out like shared/datasets (served on ' +
  'loopback), `EVAL_DATASET_BASE_URL` to a mirror serving /{repository}/{commit}/{path}, or `EVAL_CACHE_DIR` to a ' +
  'cache that already holds the verified file.';

const DatasetEnvSchema = EvalEnvSchema.pick({ EVAL_CACHE_DIR: true, EVAL_DATASET_BASE_URL: true, EVAL_OFFLINE: true });

// Read EVAL_CACHE_DIR, EVAL_DATASET_BASE_URL and EVAL_OFFLINE; throws ConfigError naming a bad value. The config checks
// them too, when it loads, so a bad value stops a run before any server starts.
export function readDatasetEnv(env: NodeJS.ProcessEnv = process.env): DatasetEnv {
  const parsed = parseEnvWith(DatasetEnvSchema, env);
  return { cacheDir: parsed.EVAL_CACHE_DIR, baseUrl: parsed.EVAL_DATASET_BASE_URL, offline: parsed.EVAL_OFFLINE ?? false };
}
