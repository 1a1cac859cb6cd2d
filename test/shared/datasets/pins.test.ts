import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_DATASETS, BUILTIN_PINS } from '../../../src/evals/registry.ts';
import { BFCL_DATASET_PINS } from '../../../src/evals/bfcl/pins.ts';
import { IFEVAL_INPUT_PIN } from '../../../src/evals/ifeval/pins.ts';
import { DatasetPinSchema } from '../../../src/shared/records/suite-meta.ts';
import { sha256File } from '../../../src/shared/datasets/file-digest.ts';
import { resolveDatasetFile } from '../../../src/shared/datasets/fetch-dataset.ts';
import { startDatasetMirror, type DatasetMirror } from '../../../src/node/datasets/mirror-server.ts';
import { cachedFileDigest, publicUrl, toDatasetPin, type DatasetFilePin } from '../../../src/shared/datasets/pins.ts';
import { pinById } from '../../helpers/pins.ts';
import { CLEAN_ENV, SHARED_DATASETS, makeTempDir } from './helpers.ts';

// Every pinned file: the registry's built-ins, plus the datasets whose suites are not registered yet.
const ALL_PINS: DatasetFilePin[] = [
  ...BUILTIN_PINS,
  ...[...Object.values(BFCL_DATASET_PINS), IFEVAL_INPUT_PIN].filter((pin) => !BUILTIN_PINS.some((known) => known.id === pin.id)),
];
const ALL_IDS = ALL_PINS.map((pin) => pin.id);

// Records in a cached file, counted the way its manifest counts them.
function countRecords(pin: DatasetFilePin, text: string): number {
  if (pin.path.endsWith('.json') && text.trimStart().startsWith('[')) return (JSON.parse(text) as unknown[]).length;
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (pin.id === 'hellaswag/validation') return lines.length / 6;
  for (const line of lines) JSON.parse(line);
  return lines.length;
}

describe('dataset pins', () => {
  test('every built-in dataset has pinned files, named after it, unless it generates its cases (derived from the registry, no list to keep)', () => {
    for (const dataset of BUILTIN_DATASETS) {
      if (dataset.generated) expect(dataset.pins, dataset.name).toEqual([]);
      else expect(dataset.pins.length, dataset.name).toBeGreaterThan(0);
      for (const pin of dataset.pins) expect(pin.id.startsWith(`${dataset.name}/`), pin.id).toBe(true);
    }
    expect(BUILTIN_PINS).toHaveLength(BUILTIN_DATASETS.reduce((n, d) => n + d.pins.length, 0));
  });

  test('each pin has a unique id, a full commit sha, a sha256 and a local path', () => {
    expect(new Set(ALL_IDS).size).toBe(ALL_IDS.length);
    for (const pin of ALL_PINS) {
      expect(pin.localPath).toBeTruthy();
      expect(pin.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(pin.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(pin.repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(Boolean(pin.compression)).toBe(Boolean(pin.decompressed));
    }
  });

  test('convert to the run record DatasetPin of the public artifact', () => {
    const pin = toDatasetPin(pinById('humaneval/test'));
    expect(DatasetPinSchema.parse(pin)).toEqual({
      repository: 'openai/human-eval',
      commit: '463c980b59e818ace59f6f9803cd92c749ceae61',
      path: 'data/HumanEval.jsonl.gz',
      sha256: 'b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef',
    });
  });

  test('default to raw.githubusercontent.com at the pinned commit', () => {
    expect(publicUrl(pinById('gsm8k/test'))).toBe(
      'https://raw.githubusercontent.com/openai/grade-school-math/b0bb162abedc65e1fdd8e93ed090fd7598ee68bc/grade_school_math/data/test.jsonl',
    );
  });
});

describe('every pin resolved through a mirror over shared/datasets', () => {
  let mirror: DatasetMirror;
  let cache: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    mirror = await startDatasetMirror({ root: SHARED_DATASETS, pins: ALL_PINS });
    cache = await makeTempDir('all-pins');
  });
  afterAll(async () => {
    await mirror.close();
    await cache.remove();
  });

  test.each(ALL_PINS.map((pin) => [pin.id, pin] as const))('%s matches its manifest sha256, size and record count', async (_id, pin) => {
    const file = await resolveDatasetFile(pin, { cacheDir: cache.dir, baseUrl: mirror.baseUrl, env: CLEAN_ENV });
    const expected = cachedFileDigest(pin);
    expect(await sha256File(file)).toBe(expected.sha256);
    const text = await readFile(file, 'utf8');
    expect(Buffer.byteLength(text)).toBe(expected.bytes);
    expect(countRecords(pin, text)).toBe(pin.records);
  });
});
