import { FULL_TRACKER_FILE } from '../../../src/node/tracker/render-summary.ts';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { writeRunRecord } from '../../../src/node/history/store.ts';
import { appendStepSummary, updateTracker, writeTracker } from '../../../src/node/tracker/write.ts';
import { config, r1, r5, r6 } from './history.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qwen-evals-tracker-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeTracker', () => {
  test('writes <resultsDir>/TRACKER.md and replaces it on the next write without temp files', async () => {
    await writeTracker(dir, 'first\n');
    const file = await writeTracker(dir, 'second\n');
    expect(file).toBe(path.join(dir, 'TRACKER.md'));
    expect(await readFile(file, 'utf8')).toBe('second\n');
    expect(await readdir(dir)).toEqual(['TRACKER.md']);
  });

  test('creates the results directory when missing', async () => {
    const nested = path.join(dir, 'a', 'b');
    expect(await readFile(await writeTracker(nested, 'x'), 'utf8')).toBe('x');
  });
});

describe('updateTracker', () => {
  test('rebuilds the tracker from the whole history and names skipped files', async () => {
    for (const run of [r1, r5, r6]) await writeRunRecord(dir, run);
    await writeFile(path.join(dir, 'runs', 'broken.json'), '{');
    const result = await updateTracker(dir, config);
    expect(result.skippedFiles).toEqual([path.join('runs', 'broken.json')]);
    const text = await readFile(result.path, 'utf8');
    expect(text).toContain('_Generated from 3 runs');
    expect(text).toContain('`runs/broken.json`');
    const full = await readFile(path.join(dir, FULL_TRACKER_FILE), 'utf8');
    expect(full).toContain('| gsm8k/0shot | strict (primary) | 0.920');
  });
});

describe('appendStepSummary', () => {
  test('appends to GITHUB_STEP_SUMMARY instead of overwriting it', async () => {
    const file = path.join(dir, 'summary.md');
    await writeFile(file, 'earlier step\n');
    expect(await appendStepSummary('## ours', { GITHUB_STEP_SUMMARY: file })).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('earlier step\n## ours\n');
  });

  test('does nothing outside GitHub Actions', async () => {
    expect(await appendStepSummary('## ours', {})).toBe(false);
  });
});
