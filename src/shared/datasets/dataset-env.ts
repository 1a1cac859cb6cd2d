import { ConfigError } from '../errors.ts';

// The dataset layer's environment variables. Values are trimmed; empty means unset.

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

// Read EVAL_CACHE_DIR, EVAL_DATASET_BASE_URL and EVAL_OFFLINE; throws ConfigError naming a bad value.
export function readDatasetEnv(env: NodeJS.ProcessEnv = process.env): DatasetEnv {
  const get = (name: string) => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const baseUrl = get('EVAL_DATASET_BASE_URL');
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/.test(baseUrl)) {
    throw new ConfigError(`\`EVAL_DATASET_BASE_URL\` must be an http(s) URL, received ${JSON.stringify(baseUrl)}.`);
  }
  return { cacheDir: get('EVAL_CACHE_DIR'), baseUrl, offline: parseFlag('EVAL_OFFLINE', get('EVAL_OFFLINE')) };
}

function parseFlag(name: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new ConfigError(`\`${name}\` must be 1 or 0, received ${JSON.stringify(value)}.`);
}
