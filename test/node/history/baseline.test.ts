import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ConfigError, RecordError } from '../../../src/shared/errors.ts';
import { planBaseline, type BaselineOptions } from '../../../src/node/history/baseline.ts';
import { writeRunRecord } from '../../../src/node/history/store.ts';
import { binaryScores, makeDataset, makeRun } from '../tracker/fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qwen-evals-baseline-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const noEnv = {};
const plan = (options: Partial<BaselineOptions> = {}) =>
  planBaseline({ resultsDir: dir, project: 'p', preset: 'default', simulation: null, env: noEnv, ...options });
const ids = async (options: Partial<BaselineOptions> = {}) => (await plan(options)).candidates.map((c) => c.runId);
const failedGate = {
  kind: 'baseline' as const,
  dataset: 'gsm8k/0shot',
  metric: 'strict',
  passed: false,
  score: -0.1,
  threshold: -0.02,
  ci: null,
  message: 'REGRESSION',
};

describe('planBaseline', () => {
  test('lists complete main-branch runs of the project and preset, newest first', async () => {
    const old = makeRun({ startedAt: '2026-11-01T00:00:00.000Z', project: 'p' });
    const newest = makeRun({ startedAt: '2026-11-02T00:00:00.000Z', project: 'p' });
    for (const run of [old, newest]) await writeRunRecord(dir, run);
    const result = await plan();
    expect(result.source).toBe('history');
    expect(result.candidates.map((c) => c.runId)).toEqual([newest.runId, old.runId]);
  });

  test('never offers a run whose gates failed, so a merged regression cannot become the baseline', async () => {
    const good = makeRun({ startedAt: '2026-11-01T00:00:00.000Z', project: 'p' });
    const regressed = makeRun({ startedAt: '2026-11-02T00:00:00.000Z', project: 'p', gates: [failedGate] });
    for (const run of [good, regressed]) await writeRunRecord(dir, run);
    expect(await ids()).toEqual([good.runId]);
  });

  test('skips runs of other branches, projects and presets, and incomplete runs', async () => {
    const good = makeRun({ startedAt: '2026-11-01T00:00:00.000Z', project: 'p' });
    const runs = [
      good,
      makeRun({ startedAt: '2026-11-02T00:00:00.000Z', project: 'p', branch: 'feature' }),
      makeRun({ startedAt: '2026-11-03T00:00:00.000Z', project: 'q' }),
      makeRun({ startedAt: '2026-11-04T00:00:00.000Z', project: 'p', status: 'interrupted' }),
      makeRun({ startedAt: '2026-11-05T00:00:00.000Z', project: 'p', status: 'partial' }),
      makeRun({ startedAt: '2026-11-06T00:00:00.000Z', project: 'p', preset: 'fast' }),
    ];
    for (const run of runs) await writeRunRecord(dir, run);
    expect(await ids()).toEqual([good.runId]);
  });

  test('keeps real and simulated runs apart (any simulation mode for a simulated run; anything while not known yet)', async () => {
    const real = makeRun({ startedAt: '2026-11-01T00:00:00.000Z', project: 'p' });
    const gold = makeRun({ startedAt: '2026-11-02T00:00:00.000Z', project: 'p', simulation: 'gold' });
    const mixed = makeRun({ startedAt: '2026-11-03T00:00:00.000Z', project: 'p', simulation: 'mix:0.3' });
    for (const run of [real, gold, mixed]) await writeRunRecord(dir, run);
    expect(await ids({ simulation: null })).toEqual([real.runId]);
    expect(await ids({ simulation: 'gold' })).toEqual([mixed.runId, gold.runId]);
    expect(await ids({ simulation: undefined })).toEqual([mixed.runId, gold.runId, real.runId]);
  });

  test('offers only runs with the same thinking switch and parser, so thinking on never stands in for off', async () => {
    const on = makeRun({ startedAt: '2026-11-01T00:00:00.000Z', project: 'p', reasoning: { parser: 'qwen3', thinking: true } });
    const off = makeRun({ startedAt: '2026-11-02T00:00:00.000Z', project: 'p', reasoning: { parser: 'qwen3', thinking: false } });
    const plain = makeRun({ startedAt: '2026-11-03T00:00:00.000Z', project: 'p' });
    for (const run of [on, off, plain]) await writeRunRecord(dir, run);
    expect(await ids({ reasoning: { parser: 'qwen3', thinking: true } })).toEqual([on.runId]);
    expect(await ids({ reasoning: { parser: 'qwen3', thinking: false } })).toEqual([off.runId]);
    expect(await ids({ reasoning: { parser: 'deepseek_r1', thinking: true } })).toEqual([]);
    expect(await ids()).toEqual([plain.runId]);
  });

  test("counts each candidate's cases per dataset, errors left out, for the gate's coverage check", async () => {
    const run = makeRun({
      project: 'p',
      datasets: [
        makeDataset({ scores: [1, 0, null, 1] }),
        makeDataset({ dataset: 'arc_challenge', variant: 'chat', scores: binaryScores(20, 15) }),
      ],
    });
    await writeRunRecord(dir, run);
    expect((await plan()).candidates[0]!.datasets).toEqual({ 'gsm8k/0shot': 3, 'arc_challenge/chat': 20 });
  });

  test('never offers the excluded run (the one being gated)', async () => {
    const old = makeRun({ startedAt: '2026-11-01T00:00:00.000Z', project: 'p' });
    const current = makeRun({ startedAt: '2026-11-02T00:00:00.000Z', project: 'p' });
    for (const run of [old, current]) await writeRunRecord(dir, run);
    expect(await ids({ excludeRunId: current.runId })).toEqual([old.runId]);
  });

  test('an empty history is an empty plan that says where it looked', async () => {
    const result = await plan();
    expect(result.candidates).toEqual([]);
    expect(result.description).toBe(`${path.join(dir, 'runs')} on branch main`);
  });

  test('uses the file named by EVAL_BASELINE as it is, whatever its branch or gates', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'qwen-evals-artifact-'));
    try {
      const run = makeRun({ project: 'p', branch: 'feature', gates: [failedGate] });
      const file = await writeRunRecord(other, run);
      const result = await plan({ env: { EVAL_BASELINE: ` ${file} ` } });
      expect(result.source).toBe('file');
      expect(result.candidates.map((c) => [c.runId, c.path])).toEqual([[run.runId, file]]);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  test('searches a results folder named by EVAL_BASELINE without the branch filter', async () => {
    const artifact = await mkdtemp(path.join(tmpdir(), 'qwen-evals-artifact-'));
    try {
      const run = makeRun({ project: 'p', branch: null });
      await writeRunRecord(artifact, run);
      const result = await plan({ env: { EVAL_BASELINE: artifact } });
      expect([result.source, result.candidates.map((c) => c.runId)]).toEqual(['folder', [run.runId]]);
    } finally {
      await rm(artifact, { recursive: true, force: true });
    }
  });

  test('treats an empty EVAL_BASELINE as unset and searches history', async () => {
    expect((await plan({ env: { EVAL_BASELINE: '  ' } })).source).toBe('history');
  });

  test('throws a ConfigError naming EVAL_BASELINE when the path does not exist', async () => {
    const missing = path.join(dir, 'nope.json');
    const error = await plan({ env: { EVAL_BASELINE: missing } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('`EVAL_BASELINE`');
    expect((error as Error).message).toContain(missing);
  });

  test('throws a RecordError when the baseline file is invalid', async () => {
    const file = path.join(dir, 'bad.json');
    await writeFile(file, '{}');
    await expect(plan({ env: { EVAL_BASELINE: file } })).rejects.toBeInstanceOf(RecordError);
  });
});
