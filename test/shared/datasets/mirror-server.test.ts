import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { sha256File, sha256Hex } from '../../../src/shared/datasets/file-digest.ts';
import { resolveDatasetFile } from '../../../src/shared/datasets/fetch-dataset.ts';
import { startDatasetMirror } from '../../../src/node/datasets/mirror-server.ts';
import { mirrorUrl } from '../../../src/shared/datasets/pins.ts';
import { pinById } from '../../helpers/pins.ts';
import { CLEAN_ENV, SHARED_DATASETS, makeTempDir } from './helpers.ts';

const HUMANEVAL = pinById('humaneval/test') as ReturnType<typeof pinById> & {
  decompressed: { sha256: string; bytes: number };
  localDecompressedPath: string;
};

describe('startDatasetMirror', () => {
  test('serves a pinned file byte for byte at /{repository}/{commit}/{path} on loopback', async () => {
    const mirror = await startDatasetMirror({ root: SHARED_DATASETS });
    try {
      expect(mirror.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const pin = pinById('mt_bench/reference_gpt4');
      const response = await fetch(mirrorUrl(mirror.baseUrl, pin));
      expect(response.status).toBe(200);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.length).toBe(pin.bytes);
      expect(sha256Hex(body)).toBe(pin.sha256);
    } finally {
      await mirror.close();
    }
  });

  test('answers 404 for paths that are not pinned and counts every request', async () => {
    const mirror = await startDatasetMirror({ root: SHARED_DATASETS });
    try {
      const response = await fetch(`${mirror.baseUrl}/openai/grade-school-math/main/README.md`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('not a pinned file');
      await (await fetch(mirrorUrl(mirror.baseUrl, pinById('gsm8k/test')), { method: 'HEAD' })).arrayBuffer();
      expect(mirror.requests).toBe(2);
    } finally {
      await mirror.close();
    }
  });

  test('answers 404 naming the local path when a pinned file is missing from the root', async () => {
    const root = await makeTempDir('empty-root');
    const mirror = await startDatasetMirror({ root: root.dir });
    try {
      const response = await fetch(mirrorUrl(mirror.baseUrl, pinById('gsm8k/test')));
      expect(response.status).toBe(404);
      expect(await response.text()).toContain(path.join(root.dir, 'gsm8k/test.jsonl'));
    } finally {
      await mirror.close();
      await root.remove();
    }
  });

  test('gzips the decompressed copy on the fly when the .gz is missing, and the client accepts it', async () => {
    const root = await makeTempDir('plain-root');
    const cache = await makeTempDir('cache');
    await mkdir(path.join(root.dir, 'humaneval'));
    await copyFile(path.join(SHARED_DATASETS, HUMANEVAL.localDecompressedPath), path.join(root.dir, HUMANEVAL.localDecompressedPath));
    const mirror = await startDatasetMirror({ root: root.dir, pins: [HUMANEVAL] });
    try {
      const response = await fetch(mirrorUrl(mirror.baseUrl, HUMANEVAL));
      expect(response.headers.get('content-type')).toBe('application/gzip');
      const plain = gunzipSync(Buffer.from(await response.arrayBuffer()));
      expect(sha256Hex(plain)).toBe(HUMANEVAL.decompressed.sha256);

      const file = await resolveDatasetFile(pinById('humaneval/test'), { cacheDir: cache.dir, baseUrl: mirror.baseUrl, env: CLEAN_ENV });
      expect(await sha256File(file)).toBe(HUMANEVAL.decompressed.sha256);
      expect(await readFile(file, 'utf8')).toContain('"task_id": "HumanEval/163"');
    } finally {
      await mirror.close();
      await root.remove();
      await cache.remove();
    }
  });

  test('close can be called twice and frees the port', async () => {
    const mirror = await startDatasetMirror({ root: SHARED_DATASETS });
    await mirror.close();
    await mirror.close();
    await expect(fetch(`${mirror.baseUrl}/x`)).rejects.toThrow();
  });
});
