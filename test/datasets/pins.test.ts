import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DatasetPinSchema } from '../../src/records/run-record.ts';
import { sha256File } from '../../src/datasets/file-digest.ts';
import { resolveDatasetFile } from '../../src/datasets/fetch-dataset.ts';
import { startDatasetMirror, type DatasetMirror } from '../../src/datasets/mirror-server.ts';
import {
  DATASET_PINS,
  DATASET_PIN_IDS,
  cachedFileDigest,
  findDatasetPin,
  publicUrl,
  toDatasetPin,
  type DatasetFilePin,
} from '../../src/datasets/pins.ts';
import { CLEAN_ENV, SHARED_DATASETS, makeTempDir } from './helpers.ts';

// Records in a cached file, counted the way its manifest counts them.
function countRecords(pin: DatasetFilePin, text: string): number {
  if (pin.path.endsWith('.json') && text.trimStart().startsWith('[')) return (JSON.parse(text) as unknown[]).length;
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (pin.id === 'hellaswag/validation') return lines.length / 6;
  for (const line of lines) JSON.parse(line);
  return lines.length;
}

describe('dataset pins', () => {
  test('cover the files the suites need', () => {
    expect(DATASET_PIN_IDS).toEqual([
      'gsm8k/test',
      'gsm8k/train',
      'arc_challenge/test',
      'arc_challenge/dev',
      'hellaswag/validation',
      'mt_bench/question',
      'mt_bench/reference_gpt4',
      'mt_bench/judge_prompts',
      'humaneval/test',
      'mbpp/full',
      'mbpp/sanitized',
      'ifeval/input_data',
    ]);
  });

  test('each pin has a full commit sha, a sha256 and an id matching its key', () => {
    for (const [key, pin] of Object.entries(DATASET_PINS) as [string, DatasetFilePin][]) {
      expect(pin.id).toBe(key);
      expect(pin.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(pin.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(pin.repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(Boolean(pin.compression)).toBe(Boolean(pin.decompressed));
    }
  });

  test('convert to the run record DatasetPin of the public artifact', () => {
    const pin = toDatasetPin(DATASET_PINS['humaneval/test']);
    expect(DatasetPinSchema.parse(pin)).toEqual({
      repository: 'openai/human-eval',
      commit: '463c980b59e818ace59f6f9803cd92c749ceae61',
      path: 'data/HumanEval.jsonl.gz',
      sha256: 'b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef',
    });
  });

  test('default to raw.githubusercontent.com at the pinned commit', () => {
    expect(publicUrl(DATASET_PINS['gsm8k/test'])).toBe(
      'https://raw.githubusercontent.com/openai/grade-school-math/b0bb162abedc65e1fdd8e93ed090fd7598ee68bc/grade_school_math/data/test.jsonl',
    );
  });

  test('findDatasetPin returns undefined for unknown ids, including inherited keys', () => {
    expect(findDatasetPin('gsm8k/test')?.records).toBe(1319);
    expect(findDatasetPin('toString')).toBeUndefined();
  });
});

describe('every pin resolved through a mirror over shared/datasets', () => {
  let mirror: DatasetMirror;
  let cache: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    mirror = await startDatasetMirror({ root: SHARED_DATASETS });
    cache = await makeTempDir('all-pins');
  });
  afterAll(async () => {
    await mirror.close();
    await cache.remove();
  });

  test.each(DATASET_PIN_IDS)('%s matches its manifest sha256, size and record count', async (id) => {
    const pin: DatasetFilePin = DATASET_PINS[id];
    const file = await resolveDatasetFile(id, { cacheDir: cache.dir, baseUrl: mirror.baseUrl, env: CLEAN_ENV });
    const expected = cachedFileDigest(pin);
    expect(await sha256File(file)).toBe(expected.sha256);
    const text = await readFile(file, 'utf8');
    expect(Buffer.byteLength(text)).toBe(expected.bytes);
    expect(countRecords(pin, text)).toBe(pin.records);
  });
});
