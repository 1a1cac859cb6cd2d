import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ConfigError, RecordError } from '../../../src/shared/errors.ts';
import { loadBaseline } from '../../../src/node/history/baseline.ts';
import { writeRunRecord } from '../../../src/node/history/store.ts';
import { makeRun } from '../tracker/fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qwen-evals-baseline-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const noEnv = {};

describe('loadBaseline', () => {
  test('picks the newest complete main-branch run of the project', async () => {
    const old = makeRun({ startedAt: '2026-11-01T00:00:00.000Z', project: 'qwen3_8b' });
    const newest = makeRun({ startedAt: '2026-11-02T00:00:00.000Z', project: 'qwen3_8b' });
    for (const run of [old, newest]) await writeRunRecord(dir, run);
    const baseline = await loadBaseline({ resultsDir: dir, project: 'qwen3_8b', env: noEnv });
    expect(baseline?.record.runId).toBe(newest.runId);
    expect(baseline?.source).toBe('history');
  });

  test('skips runs of other branches, other projects, and incomplete runs', async () => {
    const good = makeRun({ startedAt: '2026-11-01T00:00:00.000Z', project: 'qwen3_8b' });
    const runs = [
      good,
      makeRun({ startedAt: '2026-11-02T00:00:00.000Z', project: 'qwen3_8b', branch: 'feature' }),
      makeRun({ startedAt: '2026-11-03T00:00:00.000Z', project: 'qwen3_14b' }),
      makeRun({ startedAt: '2026-11-04T00:00:00.000Z', project: 'qwen3_8b', status: 'interrupted' }),
      makeRun({ startedAt: '2026-11-05T00:00:00.000Z', project: 'qwen3_8b', status: 'partial' }),
    ];
    for (const run of runs) await writeRunRecord(dir, run);
    expect((await loadBaseline({ resultsDir: dir, project: 'qwen3_8b', env: noEnv }))?.record.runId).toBe(good.runId);
  });

  test('filters by preset when one is given', async () => {
    const fast = makeRun({ startedAt: '2026-11-02T00:00:00.000Z', project: 'p', preset: 'fast' });
    const slow = makeRun({ startedAt: '2026-11-01T00:00:00.000Z', project: 'p', preset: 'default' });
    for (const run of [fast, slow]) await writeRunRecord(dir, run);
    expect((await loadBaseline({ resultsDir: dir, project: 'p', preset: 'default', env: noEnv }))?.record.runId).toBe(slow.runId);
  });

  test('picks only runs with the same simulated flag when asked', async () => {
    const real = makeRun({ startedAt: '2026-11-01T00:00:00.000Z', project: 'p' });
    const simulated = makeRun({ startedAt: '2026-11-02T00:00:00.000Z', project: 'p', simulated: true });
    for (const run of [real, simulated]) await writeRunRecord(dir, run);
    expect((await loadBaseline({ resultsDir: dir, project: 'p', simulated: false, env: noEnv }))?.record.runId).toBe(real.runId);
    expect((await loadBaseline({ resultsDir: dir, project: 'p', simulated: true, env: noEnv }))?.record.runId).toBe(simulated.runId);
  });

  test('never picks the excluded run (the one being gated)', async () => {
    const old = makeRun({ startedAt: '2026-11-01T00:00:00.000Z', project: 'p' });
    const current = makeRun({ startedAt: '2026-11-02T00:00:00.000Z', project: 'p' });
    for (const run of [old, current]) await writeRunRecord(dir, run);
    expect((await loadBaseline({ resultsDir: dir, project: 'p', excludeRunId: current.runId, env: noEnv }))?.record.runId).toBe(old.runId);
  });

  test('returns null when history has no matching run', async () => {
    expect(await loadBaseline({ resultsDir: dir, project: 'p', env: noEnv })).toBeNull();
  });

  test('reads the file named by EVAL_BASELINE, whatever its branch', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'qwen-evals-artifact-'));
    try {
      const run = makeRun({ project: 'p', branch: 'feature' });
      const file = await writeRunRecord(other, run);
      const baseline = await loadBaseline({ resultsDir: dir, project: 'p', env: { EVAL_BASELINE: ` ${file} ` } });
      expect(baseline).toMatchObject({ source: 'file', path: file });
      expect(baseline?.record.runId).toBe(run.runId);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  test('searches a results directory named by EVAL_BASELINE without the branch filter', async () => {
    const artifact = await mkdtemp(path.join(tmpdir(), 'qwen-evals-artifact-'));
    try {
      const run = makeRun({ project: 'p', branch: null });
      await writeRunRecord(artifact, run);
      expect((await loadBaseline({ resultsDir: dir, project: 'p', env: { EVAL_BASELINE: artifact } }))?.record.runId).toBe(run.runId);
    } finally {
      await rm(artifact, { recursive: true, force: true });
    }
  });

  test('prefers the `file` option over EVAL_BASELINE', async () => {
    const file = await writeRunRecord(dir, makeRun({ project: 'p' }));
    const baseline = await loadBaseline({ resultsDir: dir, project: 'p', file, env: { EVAL_BASELINE: path.join(dir, 'missing.json') } });
    expect(baseline?.path).toBe(file);
  });

  test('treats an empty EVAL_BASELINE as unset and searches history', async () => {
    await writeRunRecord(dir, makeRun({ project: 'p' }));
    expect((await loadBaseline({ resultsDir: dir, project: 'p', env: { EVAL_BASELINE: '  ' } }))?.source).toBe('history');
  });

  test('throws a ConfigError naming EVAL_BASELINE when the path does not exist', async () => {
    const missing = path.join(dir, 'nope.json');
    const error = await loadBaseline({ resultsDir: dir, project: 'p', env: { EVAL_BASELINE: missing } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('`EVAL_BASELINE`');
    expect((error as Error).message).toContain(missing);
  });

  test('throws a RecordError when the baseline file is invalid', async () => {
    const { writeFile } = await import('node:fs/promises');
    const file = path.join(dir, 'bad.json');
    await writeFile(file, '{}');
    await expect(loadBaseline({ resultsDir: dir, project: 'p', file })).rejects.toBeInstanceOf(RecordError);
  });
});
