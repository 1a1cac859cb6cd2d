import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ConfigError, DatasetError } from '../../../src/shared/errors.ts';
import { sha256File } from '../../../src/shared/datasets/file-digest.ts';
import {
  datasetCachePath,
  resolveDatasetFile,
  resolveDatasetOptions,
  type ResolveDatasetOptions,
} from '../../../src/shared/datasets/fetch-dataset.ts';
import { startDatasetMirror, type DatasetMirror } from '../../../src/node/datasets/mirror-server.ts';
import { pinById } from '../../helpers/pins.ts';
import { CLEAN_ENV, SHARED_DATASETS, listFiles, makeTempDir } from './helpers.ts';

const GSM8K_TEST = pinById('gsm8k/test');
const HUMANEVAL = pinById('humaneval/test') as ReturnType<typeof pinById> & { decompressed: { sha256: string; bytes: number } };

let mirror: DatasetMirror;
let cache: Awaited<ReturnType<typeof makeTempDir>>;
let options: ResolveDatasetOptions;

beforeEach(async () => {
  mirror = await startDatasetMirror({ root: SHARED_DATASETS });
  cache = await makeTempDir('cache');
  options = { cacheDir: cache.dir, baseUrl: mirror.baseUrl, env: CLEAN_ENV };
});

afterEach(async () => {
  await mirror.close();
  await cache.remove();
});

// Resolve and return the DatasetError it throws.
async function expectDatasetError(promise: Promise<unknown>, code: DatasetError['code']): Promise<DatasetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  expect((error as DatasetError).code).toBe(code);
  return error as DatasetError;
}

// A mirror root holding one pinned file with modified bytes.
async function tamperedRoot(dir: string, localPath: string, edit: (bytes: Buffer) => Buffer): Promise<void> {
  const target = path.join(dir, localPath);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, edit(await readFile(path.join(SHARED_DATASETS, localPath))));
}

describe('resolveDatasetFile', () => {
  test('downloads a pinned file through the mirror, verifies it and caches it under repository/commit/path', async () => {
    const file = await resolveDatasetFile(pinById('gsm8k/test'), options);
    expect(file).toBe(path.join(cache.dir, 'openai/grade-school-math', GSM8K_TEST.commit, GSM8K_TEST.path));
    expect(await sha256File(file)).toBe(GSM8K_TEST.sha256);
    expect(mirror.requests).toBe(1);
    expect(await listFiles(cache.dir)).toEqual([path.relative(cache.dir, file)]);
  });

  test('returns an already cached file without any request', async () => {
    await resolveDatasetFile(pinById('gsm8k/test'), options);
    const file = await resolveDatasetFile(pinById('gsm8k/test'), options);
    expect(mirror.requests).toBe(1);
    expect(await sha256File(file)).toBe(GSM8K_TEST.sha256);
  });

  test('caches a gzip artifact decompressed and checks the decompressed sha256', async () => {
    const file = await resolveDatasetFile(pinById('humaneval/test'), options);
    expect(file.endsWith(path.join('data', 'HumanEval.jsonl'))).toBe(true);
    expect(await sha256File(file)).toBe(HUMANEVAL.decompressed.sha256);
    expect(await listFiles(cache.dir)).toEqual([path.relative(cache.dir, file)]);
  });

  test('offline mode returns the cached file without any request', async () => {
    await resolveDatasetFile(pinById('mt_bench/question'), options);
    const file = await resolveDatasetFile(pinById('mt_bench/question'), { ...options, env: { EVAL_OFFLINE: '1' } });
    expect(await sha256File(file)).toBe(pinById('mt_bench/question').sha256);
    expect(mirror.requests).toBe(1);
  });

  test('offline mode fails with EVAL_DATASET_UNAVAILABLE naming EVAL_OFFLINE when the file is not cached', async () => {
    const error = await expectDatasetError(
      resolveDatasetFile(pinById('gsm8k/test'), { ...options, env: { EVAL_OFFLINE: '1' } }),
      'EVAL_DATASET_UNAVAILABLE',
    );
    expect(error.message).toContain('`gsm8k/test` is not cached at');
    expect(error.message).toContain('`EVAL_OFFLINE`');
    expect(error.message).toContain('`EVAL_CACHE_DIR`');
    expect(mirror.requests).toBe(0);
  });

  test('a mirror serving tampered bytes fails with EVAL_DATASET_CHECKSUM and leaves nothing in the cache', async () => {
    const root = await makeTempDir('tampered');
    try {
      await tamperedRoot(root.dir, GSM8K_TEST.localPath, (bytes) => Buffer.concat([bytes, Buffer.from('\n')]));
      const tampered = await startDatasetMirror({ root: root.dir });
      try {
        const error = await expectDatasetError(
          resolveDatasetFile(pinById('gsm8k/test'), { ...options, baseUrl: tampered.baseUrl }),
          'EVAL_DATASET_CHECKSUM',
        );
        const actual = await sha256File(path.join(root.dir, GSM8K_TEST.localPath));
        expect(error.message).toContain('`gsm8k/test`');
        expect(error.message).toContain(`${tampered.baseUrl}/openai/grade-school-math/${GSM8K_TEST.commit}/${GSM8K_TEST.path}`);
        expect(error.message).toContain(`expected sha256 ${GSM8K_TEST.sha256}`);
        expect(error.message).toContain(`got sha256 ${actual}`);
        expect(error.message).toContain('`EVAL_DATASET_BASE_URL`');
        expect(await listFiles(cache.dir)).toEqual([]);
      } finally {
        await tampered.close();
      }
    } finally {
      await root.remove();
    }
  });

  test('a corrupt gzip artifact fails with EVAL_DATASET_CHECKSUM and leaves nothing in the cache', async () => {
    const root = await makeTempDir('tampered-gz');
    try {
      await tamperedRoot(root.dir, HUMANEVAL.localPath, (bytes) => {
        const copy = Buffer.from(bytes);
        copy[copy.length >> 1] = copy[copy.length >> 1]! ^ 0xff;
        return copy;
      });
      const tampered = await startDatasetMirror({ root: root.dir });
      try {
        const error = await expectDatasetError(
          resolveDatasetFile(pinById('humaneval/test'), { ...options, baseUrl: tampered.baseUrl }),
          'EVAL_DATASET_CHECKSUM',
        );
        expect(error.message).toContain(`expected sha256 ${HUMANEVAL.sha256}`);
        expect(await listFiles(cache.dir)).toEqual([]);
      } finally {
        await tampered.close();
      }
    } finally {
      await root.remove();
    }
  });

  test('a corrupted cached file is downloaded again and replaced', async () => {
    const file = await resolveDatasetFile(pinById('arc_challenge/dev'), options);
    await writeFile(file, 'corrupted\n');
    expect(await resolveDatasetFile(pinById('arc_challenge/dev'), options)).toBe(file);
    expect(await sha256File(file)).toBe(pinById('arc_challenge/dev').sha256);
    expect(mirror.requests).toBe(2);
    expect(await listFiles(cache.dir)).toEqual([path.relative(cache.dir, file)]);
  });

  test('offline mode refuses a corrupted cached file with EVAL_DATASET_CHECKSUM', async () => {
    const file = await resolveDatasetFile(pinById('arc_challenge/dev'), options);
    await writeFile(file, 'corrupted\n');
    const error = await expectDatasetError(
      resolveDatasetFile(pinById('arc_challenge/dev'), { ...options, offline: true }),
      'EVAL_DATASET_CHECKSUM',
    );
    expect(error.message).toContain(`the cached file ${path.resolve(file)} is corrupt (sha256 `);
    expect(error.message).toContain('`EVAL_OFFLINE`');
    expect(mirror.requests).toBe(1);
  });

  test('a failed download over a corrupt cached copy says the copy is corrupt, so EVAL_OFFLINE cannot help', async () => {
    const file = await resolveDatasetFile(pinById('arc_challenge/dev'), options);
    await writeFile(file, 'corrupted\n');
    const closed = await startDatasetMirror({ root: SHARED_DATASETS });
    await closed.close();
    const error = await expectDatasetError(
      resolveDatasetFile(pinById('arc_challenge/dev'), { ...options, baseUrl: closed.baseUrl, maxRetries: 0 }),
      'EVAL_DATASET_UNAVAILABLE',
    );
    expect(error.message).toContain(`The cached copy at ${file} is corrupt`);
    expect(error.message).toContain('`EVAL_OFFLINE=1` cannot stand in for the download');
    expect(error.message).toContain('`EVAL_DATASET_MIRROR`');
  });

  test('an unreachable base URL fails with EVAL_DATASET_UNAVAILABLE naming the URL and the env vars', async () => {
    const closed = await startDatasetMirror({ root: SHARED_DATASETS });
    await closed.close();
    const error = await expectDatasetError(
      resolveDatasetFile(pinById('gsm8k/test'), { ...options, baseUrl: closed.baseUrl, maxRetries: 0 }),
      'EVAL_DATASET_UNAVAILABLE',
    );
    expect(error.message).toContain(`${closed.baseUrl}/openai/grade-school-math/`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain('`EVAL_DATASET_BASE_URL`');
    expect(error.message).toContain('`EVAL_CACHE_DIR`');
    expect(error.message).toContain('`EVAL_DATASET_MIRROR`');
    expect(await listFiles(cache.dir)).toEqual([]);
  });

  test('an HTTP 404 is reported with its status and not retried', async () => {
    const empty = await startDatasetMirror({ root: SHARED_DATASETS, pins: [] });
    try {
      const error = await expectDatasetError(
        resolveDatasetFile(pinById('gsm8k/test'), { ...options, baseUrl: empty.baseUrl }),
        'EVAL_DATASET_UNAVAILABLE',
      );
      expect(error.message).toContain('HTTP 404 Not Found');
      expect(empty.requests).toBe(1);
    } finally {
      await empty.close();
    }
  });

  test('a 503 is retried, honouring retry-after, and the next attempt succeeds', async () => {
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1) return new Response('busy', { status: 503, headers: { 'retry-after': '0' } });
      return fetch(input, init);
    };
    const file = await resolveDatasetFile(pinById('mt_bench/judge_prompts'), { ...options, fetch: flaky });
    expect(calls).toBe(2);
    expect(await sha256File(file)).toBe(pinById('mt_bench/judge_prompts').sha256);
  });

  test('gives up after maxRetries further attempts on repeated 503s', async () => {
    let calls = 0;
    const busy: typeof fetch = async () => {
      calls++;
      return new Response('busy', { status: 503, statusText: 'Service Unavailable', headers: { 'retry-after': '0' } });
    };
    const error = await expectDatasetError(
      resolveDatasetFile(pinById('gsm8k/test'), { ...options, fetch: busy, maxRetries: 2 }),
      'EVAL_DATASET_UNAVAILABLE',
    );
    expect(calls).toBe(3);
    expect(error.message).toContain('HTTP 503 Service Unavailable (after 3 attempts)');
  });

  test('a download slower than timeoutMs fails with EVAL_DATASET_UNAVAILABLE naming the option', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const error = await expectDatasetError(
      resolveDatasetFile(pinById('gsm8k/test'), { ...options, fetch: hanging, timeoutMs: 50, maxRetries: 0 }),
      'EVAL_DATASET_UNAVAILABLE',
    );
    expect(error.message).toContain('timed out after 50 ms (option `timeoutMs`)');
  });

  test('concurrent callers in one process share a single download', async () => {
    const files = await Promise.all(Array.from({ length: 4 }, () => resolveDatasetFile(pinById('gsm8k/test'), options)));
    expect(new Set(files).size).toBe(1);
    expect(mirror.requests).toBe(1);
  });

  test('callers in separate module instances (like Vitest workers) download side by side without corrupting the file', async () => {
    vi.resetModules();
    const other = (await import(
      '../../../src/shared/datasets/fetch-dataset.ts'
    )) as typeof import('../../../src/shared/datasets/fetch-dataset.ts');
    const [a, b] = await Promise.all([
      resolveDatasetFile(pinById('gsm8k/train'), options),
      other.resolveDatasetFile(pinById('gsm8k/train'), options),
    ]);
    expect(a).toBe(b);
    expect(mirror.requests).toBe(2);
    expect(await sha256File(a)).toBe(pinById('gsm8k/train').sha256);
    expect(await listFiles(cache.dir)).toEqual([path.relative(cache.dir, a)]);
  });

  test('reads the cache directory and mirror from EVAL_CACHE_DIR and EVAL_DATASET_BASE_URL', async () => {
    const file = await resolveDatasetFile(pinById('mbpp/sanitized'), {
      env: { EVAL_CACHE_DIR: ` ${cache.dir} `, EVAL_DATASET_BASE_URL: mirror.baseUrl },
    });
    expect(file.startsWith(cache.dir)).toBe(true);
    expect(mirror.requests).toBe(1);
  });

  test('an explicit pin object can be resolved, e.g. a copy placed by hand in the cache', async () => {
    const pin = pinById('gsm8k/test');
    const target = datasetCachePath(pin, cache.dir);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(SHARED_DATASETS, pin.localPath), target);
    expect(await resolveDatasetFile(pin, { ...options, offline: true })).toBe(target);
    expect(mirror.requests).toBe(0);
  });
});

describe('resolveDatasetOptions', () => {
  test('defaults to <project root>/.cache/datasets, the public URL, online, 60 s and 2 retries', () => {
    const resolved = resolveDatasetOptions({ env: CLEAN_ENV });
    expect(resolved).toMatchObject({
      cacheDir: path.join(process.cwd(), '.cache', 'datasets'),
      baseUrl: undefined,
      offline: false,
      timeoutMs: 60_000,
      maxRetries: 2,
    });
  });

  test('explicit options win over the environment', () => {
    const resolved = resolveDatasetOptions({
      cacheDir: '/tmp/explicit',
      baseUrl: 'http://127.0.0.1:1',
      offline: false,
      env: { EVAL_CACHE_DIR: '/tmp/env', EVAL_DATASET_BASE_URL: 'http://127.0.0.1:2', EVAL_OFFLINE: '1' },
    });
    expect(resolved).toMatchObject({ cacheDir: '/tmp/explicit', baseUrl: 'http://127.0.0.1:1', offline: false });
  });

  test('empty environment values count as unset', () => {
    const resolved = resolveDatasetOptions({ env: { EVAL_CACHE_DIR: ' ', EVAL_DATASET_BASE_URL: '', EVAL_OFFLINE: '' } });
    expect(resolved).toMatchObject({ cacheDir: path.join(process.cwd(), '.cache', 'datasets'), baseUrl: undefined, offline: false });
  });

  test('a bad EVAL_OFFLINE value is a ConfigError naming the variable and the value', () => {
    expect(() => resolveDatasetOptions({ env: { EVAL_OFFLINE: 'maybe' } })).toThrow(ConfigError);
    expect(() => resolveDatasetOptions({ env: { EVAL_OFFLINE: 'maybe' } })).toThrow(
      'EVAL_OFFLINE: EVAL_OFFLINE must be 1 or 0 (received: "maybe")',
    );
  });

  test('a non-http EVAL_DATASET_BASE_URL is a ConfigError naming the variable', () => {
    expect(() => resolveDatasetOptions({ env: { EVAL_DATASET_BASE_URL: 'ftp://mirror' } })).toThrow(
      'EVAL_DATASET_BASE_URL: EVAL_DATASET_BASE_URL must be an http(s) URL (received: "ftp://mirror")',
    );
  });
});
