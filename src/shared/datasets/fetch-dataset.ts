import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, DatasetError } from '../errors.ts';
import { readDatasetEnv } from './dataset-env.ts';
import { decompressArtifact } from './decompress.ts';
import { downloadToFile } from './download.ts';
import { sha256File, sha256Hex } from './file-digest.ts';
import { cachedFileDigest, mirrorUrl, publicUrl, type DatasetFilePin } from './pins.ts';

// Resolve a pinned dataset file to a verified file in the on-disk cache, downloading it when needed.

/** Options of {@link resolveDatasetFile}. Explicit options win over environment variables. */
export interface ResolveDatasetOptions {
  /** Cache directory; relative paths are resolved against the working directory (the Vitest root). @default env `EVAL_CACHE_DIR`, else `.cache/datasets` */
  cacheDir?: string;
  /** Mirror to download from, as `{baseUrl}/{repository}/{commit}/{path}`, instead of the public URL. @default env `EVAL_DATASET_BASE_URL` */
  baseUrl?: string;
  /** Never download: return the cached file or fail. @default env `EVAL_OFFLINE=1`, else false */
  offline?: boolean;
  /** `fetch` implementation. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Time allowed per download attempt, including the body. @unit ms @default 60_000 */
  timeoutMs?: number;
  /** Further attempts after a retryable failure (connection error, timeout, 408/409/429/5xx). @default 2 */
  maxRetries?: number;
  /** Aborts the download (e.g. the test context's signal). */
  signal?: AbortSignal;
  /** Environment to read the defaults from. @default process.env */
  env?: NodeJS.ProcessEnv;
}

/** Options after defaults were applied. */
export interface ResolvedDatasetOptions {
  cacheDir: string;
  baseUrl: string | undefined;
  offline: boolean;
  fetch: typeof fetch;
  timeoutMs: number;
  maxRetries: number;
  signal: AbortSignal | undefined;
}

/** Default download timeout per attempt. @unit ms */
export const DEFAULT_DATASET_TIMEOUT_MS = 60_000;
/** Default retries after the first attempt. */
export const DEFAULT_DATASET_MAX_RETRIES = 2;

// Apply defaults: explicit option > environment variable > built-in default.
export function resolveDatasetOptions(options: ResolveDatasetOptions = {}): ResolvedDatasetOptions {
  const env = readDatasetEnv(options.env ?? process.env);
  const timeoutMs = options.timeoutMs ?? DEFAULT_DATASET_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? DEFAULT_DATASET_MAX_RETRIES;
  if (!(timeoutMs > 0)) throw new ConfigError(`\`timeoutMs\` must be a positive number of milliseconds, received ${timeoutMs}.`);
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ConfigError(`\`maxRetries\` must be a non-negative integer, received ${maxRetries}.`);
  }
  return {
    cacheDir: path.resolve(options.cacheDir ?? env.cacheDir ?? '.cache/datasets'),
    baseUrl: options.baseUrl ?? env.baseUrl,
    offline: options.offline ?? env.offline,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs,
    maxRetries,
    signal: options.signal,
  };
}

/** Where the cache keeps a pin's (decompressed) file: `<cacheDir>/<repository>/<commit>/<path without .gz/.bz2>`. */
export function datasetCachePath(pin: DatasetFilePin, cacheDir: string): string {
  const relative = pin.compression ? pin.path.replace(/\.(gz|bz2)$/, '') : pin.path;
  return path.join(cacheDir, ...pin.repository.split('/'), pin.commit, ...relative.split('/'));
}

const inFlight = new Map<string, Promise<string>>();

/**
 * Absolute path of the verified cached file for a pin, downloading and verifying it first when the cache
 * lacks it or holds a copy whose sha256 no longer matches. Compressed artifacts are cached decompressed.
 * @example const file = await resolveDatasetFile(GSM8K_PINS['gsm8k/test']);
 */
export async function resolveDatasetFile(resolvedPin: DatasetFilePin, options: ResolveDatasetOptions = {}): Promise<string> {
  const settings = resolveDatasetOptions(options);
  const target = datasetCachePath(resolvedPin, settings.cacheDir);
  // One download per file per process; other processes are kept apart by unique temp names + rename.
  const running = inFlight.get(target);
  if (running) return running;
  const promise = ensureCached(resolvedPin, target, settings).finally(() => inFlight.delete(target));
  inFlight.set(target, promise);
  return promise;
}

async function ensureCached(pin: DatasetFilePin, target: string, settings: ResolvedDatasetOptions): Promise<string> {
  const expected = cachedFileDigest(pin);
  const cached = await sha256File(target);
  if (cached === expected.sha256) return target;

  const url = settings.baseUrl ? mirrorUrl(settings.baseUrl, pin) : publicUrl(pin);
  if (settings.offline) throw offlineError(pin, target, url, cached);

  await mkdir(path.dirname(target), { recursive: true });
  const stem = `${target}.${process.pid}-${randomUUID()}`;
  const artifactTemp = `${stem}.download`;
  const contentTemp = `${stem}.tmp`;
  try {
    const label = `Dataset \`${pin.id}\``;
    const download = await downloadToFile(url, artifactTemp, { ...settings, label }).catch((error: unknown) => {
      throw cached === undefined ? error : corruptCacheError(error, target);
    });
    if (!pin.compression) {
      if (download.sha256 !== pin.sha256) {
        throw checksumError(pin, url, settings, `got sha256 ${download.sha256} (${download.bytes} bytes)`);
      }
      await rename(artifactTemp, target);
      return target;
    }
    // Compressed: the decompressed content is what suites read, so its sha256 decides; a mirror that
    // re-compressed the same content (different artifact bytes) is accepted.
    let content: Buffer | undefined;
    let problem = '';
    try {
      content = decompressArtifact(pin.compression, await readFile(artifactTemp), (expected.bytes ?? 1 << 30) + 1024);
    } catch (error) {
      problem = `it does not decompress as ${pin.compression} (${(error as Error).message})`;
    }
    const contentSha = content && sha256Hex(content);
    if (!content || contentSha !== expected.sha256) {
      const artifact = `got sha256 ${download.sha256} (${download.bytes} bytes)`;
      const detail = problem || `its decompressed content has sha256 ${contentSha}, expected ${expected.sha256}`;
      throw checksumError(pin, url, settings, `${artifact}; ${detail}`);
    }
    await writeFile(contentTemp, content, { flag: 'wx' });
    await rename(contentTemp, target);
    return target;
  } finally {
    await Promise.all([rm(artifactTemp, { force: true }), rm(contentTemp, { force: true })]);
  }
}

function describePin(pin: DatasetFilePin): string {
  return `${pin.repository}@${pin.commit} ${pin.path}`;
}

function checksumError(pin: DatasetFilePin, url: string, settings: ResolvedDatasetOptions, actual: string): DatasetError {
  const fix = settings.baseUrl
    ? `The mirror \`EVAL_DATASET_BASE_URL\`=${settings.baseUrl} serves different bytes: make it serve the pinned file unchanged, or unset \`EVAL_DATASET_BASE_URL\` to use the public host.`
    : 'The download was altered or the public file changed: retry, and if it persists check the file against its MANIFEST before updating the pin in src/datasets/pins.ts.';
  return new DatasetError(
    'EVAL_DATASET_CHECKSUM',
    `Dataset \`${pin.id}\` failed its checksum: ${url} expected sha256 ${pin.sha256} (${pin.bytes ?? 'unknown'} bytes, ` +
      `${describePin(pin)}), ${actual}. Nothing was cached. ${fix}`,
  );
}

// A failed download over a corrupt cached copy: say the copy is corrupt, since `EVAL_OFFLINE=1` cannot help then.
function corruptCacheError(error: unknown, target: string): unknown {
  if (!(error instanceof DatasetError)) return error;
  return new DatasetError(
    error.code as 'EVAL_DATASET_UNAVAILABLE',
    `${error.message} The cached copy at ${target} is corrupt (its sha256 does not match the pin), so \`EVAL_OFFLINE=1\` ` +
      'cannot stand in for the download: restore that file or delete it and download again.',
    { cause: error.cause },
  );
}

function offlineError(pin: DatasetFilePin, target: string, url: string, cached: string | undefined): DatasetError {
  if (cached === undefined) {
    return new DatasetError(
      'EVAL_DATASET_UNAVAILABLE',
      `Dataset \`${pin.id}\` is not cached at ${target} and \`EVAL_OFFLINE\` forbids downloading it from ${url}. ` +
        `Unset \`EVAL_OFFLINE\` to download it once (from \`EVAL_DATASET_BASE_URL\` when set), set \`EVAL_DATASET_MIRROR\` to a local copy laid out like shared/datasets, or set \`EVAL_CACHE_DIR\` to a cache that holds it.`,
    );
  }
  return new DatasetError(
    'EVAL_DATASET_CHECKSUM',
    `Dataset \`${pin.id}\`: the cached file ${target} is corrupt (sha256 ${cached}, expected ${cachedFileDigest(pin).sha256}; ` +
      `${describePin(pin)}), and \`EVAL_OFFLINE\` forbids downloading it again. ` +
      `Unset \`EVAL_OFFLINE\` to replace it from ${url}, point \`EVAL_DATASET_MIRROR\` at a local copy, or restore the file.`,
  );
}
