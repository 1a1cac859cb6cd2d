import { describe, expect, test } from 'vitest';
import { buildTrackerModel, casesOf, quantizationPairs } from '../../../src/node/tracker/model.ts';
import { binaryScores, makeDataset, makeRun } from './fixtures.ts';
import { config, history, r1, r5, r6, r7 } from './history.ts';

const model = buildTrackerModel(history, config, { cases: casesOf(history) });
const section = (modelKey: string, preset: string, simulated = false) =>
  model.sections.find((s) => s.modelKey === modelKey && s.preset === preset && (s.simulation !== null) === simulated);

describe('buildTrackerModel', () => {
  test('orders sections by config model order, then preset, real before simulated', () => {
    expect(model.sections.map((s) => `${s.modelKey}/${s.preset}${s.simulation !== null ? '/sim' : ''}`)).toEqual([
      'qwen2_5_7b/default',
      'qwen2_5_7b/default/sim',
      'qwen2_5_7b/throughput',
      'qwen2_5_14b/default',
      'qwen2_5_14b_awq/default',
    ]);
  });

  test('merges a partial watch re-run: newer gsm8k, older humaneval kept', () => {
    const s = section('qwen2_5_7b', 'default')!;
    expect(s.datasets.map((d) => [d.key, d.runId, d.fromLatestRun])).toEqual([
      ['gsm8k/0shot', r5.runId, true],
      ['humaneval/base', r1.runId, false],
    ]);
    expect(s.latestRunId).toBe(r5.runId);
  });

  test('never lets an interrupted run replace results', () => {
    const gsm = section('qwen2_5_7b', 'default')!.datasets.find((d) => d.key === 'gsm8k/0shot')!;
    expect(gsm.runId).not.toBe(r6.runId);
    expect(gsm.metrics[0]!.value.value).toBe(0.92);
  });

  test('lists the interrupted run in the changelog as not merged', () => {
    expect(model.changelog.find((e) => e.runId === r6.runId)).toMatchObject({ status: 'interrupted', merged: false });
  });

  test('keeps simulated results in their own section', () => {
    const sim = section('qwen2_5_7b', 'default', true)!;
    expect(sim.latestRunId).toBe(r7.runId);
    expect(sim.datasets[0]!.metrics[0]!.value.value).toBe(0.5);
  });

  test('takes performance and configuration from the newest contributing run', () => {
    const s = section('qwen2_5_7b', 'default')!;
    expect(s.performance.outputTokensPerSec).toBe(1200);
    expect(s.performanceDatasets).toEqual(['gsm8k/0shot']);
    expect(s.configuration.fingerprintHash).toBe(r5.fingerprintHash);
  });

  test('notes older fingerprints still contributing datasets', () => {
    expect(section('qwen2_5_7b', 'default')!.configuration.otherFingerprintHashes).toEqual([r1.fingerprintHash]);
  });

  test('reads threshold status from the gates of the run that produced the dataset', () => {
    const s = section('qwen2_5_7b', 'default')!;
    expect(s.datasets.find((d) => d.key === 'humaneval/base')!.metrics[0]!.threshold).toEqual({
      threshold: 0.85,
      passed: false,
      failedKinds: ['threshold'],
    });
    expect(s.datasets.find((d) => d.key === 'gsm8k/0shot')!.metrics[0]!.threshold).toEqual({
      threshold: 0.85,
      passed: true,
      failedKinds: [],
    });
  });

  test('a failed baseline gate makes the metric fail even when its threshold passed', () => {
    const run = makeRun({
      modelKey: 'qwen3_8b',
      gates: [
        { kind: 'threshold', dataset: 'gsm8k/0shot', metric: 'strict', passed: true, score: 0.9, threshold: 0.85, ci: null, message: 'ok' },
        {
          kind: 'baseline',
          dataset: 'gsm8k/0shot',
          metric: 'strict',
          passed: false,
          score: -0.1,
          threshold: -0.02,
          ci: null,
          message: 'REGRESSION',
        },
      ],
    });
    const built = buildTrackerModel([run], config);
    expect(built.sections[0]!.datasets[0]!.metrics[0]!.threshold).toEqual({ threshold: 0.85, passed: false, failedKinds: ['baseline'] });
  });

  test('marks models evaluated or not yet run', () => {
    expect(model.models.map((m) => [m.key, m.status])).toEqual([
      ['qwen2_5_7b', 'evaluated'],
      ['qwen2_5_14b', 'evaluated'],
      ['qwen2_5_14b_awq', 'evaluated'],
      ['qwen3_8b', 'not yet run'],
    ]);
  });

  test('marks a model evaluated only by simulated runs', () => {
    const only = buildTrackerModel([makeRun({ modelKey: 'qwen3_8b', simulation: 'gold' })], config);
    expect(only.models.find((m) => m.key === 'qwen3_8b')).toMatchObject({ status: 'evaluated', simulatedOnly: true });
  });

  test('does not count a model with only an interrupted run as evaluated', () => {
    const only = buildTrackerModel([makeRun({ modelKey: 'qwen3_8b', status: 'interrupted' })], config);
    expect(only.models.find((m) => m.key === 'qwen3_8b')!.status).toBe('not yet run');
    expect(only.sections).toEqual([]);
  });

  test('lists a shard in the changelog but lets only the merged run stand for the results', () => {
    const shard = makeRun({ modelKey: 'qwen3_8b', shard: { index: 1, count: 2 } });
    const only = buildTrackerModel([shard], config);
    expect(only.sections).toEqual([]);
    expect(only.changelog[0]).toMatchObject({ runId: shard.runId, shard: 'shard 1/2', merged: false });
  });

  test('adds models and presets seen in history but missing from the config', () => {
    const extra = buildTrackerModel([makeRun({ modelKey: 'mystery', modelId: 'x/y', preset: 'odd' })], config);
    expect(extra.models.at(-1)).toMatchObject({ key: 'mystery', id: 'x/y', inConfig: false });
    expect(extra.presets.at(-1)).toMatchObject({ name: 'odd', inConfig: false, maxNumSeqs: null });
  });

  test('lists the changelog newest first', () => {
    expect(model.changelog.map((e) => e.runId)).toEqual([
      'r7-7b-default-simulated',
      'r6-7b-default-interrupted',
      'r5-7b-default-watch',
      'r4-14b-awq-default',
      'r3-14b-default',
      'r2-7b-throughput',
      'r1-7b-default',
    ]);
  });
});

describe('comparisons', () => {
  test('compare presets of a model, models on a preset, and quantized vs base', () => {
    expect(model.comparisons.map((c) => `${c.kind}: ${c.a.modelKey}/${c.a.preset} vs ${c.b.modelKey}/${c.b.preset}`)).toEqual([
      'preset: qwen2_5_7b/default vs qwen2_5_7b/throughput',
      'model: qwen2_5_7b/default vs qwen2_5_14b/default',
      'model: qwen2_5_7b/default vs qwen2_5_14b_awq/default',
      'quantization: qwen2_5_14b/default vs qwen2_5_14b_awq/default',
    ]);
  });

  test('never compare simulated with real results', () => {
    expect(model.comparisons.every((c) => c.simulation === null)).toBe(true);
  });

  test('give score and throughput deltas per dataset', () => {
    const quant = model.comparisons.find((c) => c.kind === 'quantization')!;
    expect(quant.rows).toHaveLength(1);
    expect(quant.rows[0]!.diff).toBeCloseTo(-0.01, 12);
    expect(quant.rows[0]!.nPaired).toBe(100);
    expect(quant.rows[0]!.p).toBe(1);
    const presets = model.comparisons.find((c) => c.kind === 'preset')!;
    expect(presets.throughputChangePct).toBeCloseTo(((2500 - 1200) / 1200) * 100, 9);
  });

  test('count per-case agreement and flip direction of quantized vs full, even when the aggregate does not move', () => {
    // Base passes cases 0-7; the quantized model breaks 6 and 7 and fixes 8 and 9: the same score, four flips.
    const base = makeRun({
      modelKey: 'qwen2_5_14b',
      modelId: 'Qwen/Qwen2.5-14B-Instruct',
      datasets: [makeDataset({ scores: binaryScores(10, 8) })],
    });
    const awq = makeRun({
      modelKey: 'qwen2_5_14b_awq',
      modelId: 'Qwen/Qwen2.5-14B-Instruct-AWQ',
      quantization: 'awq_marlin',
      datasets: [makeDataset({ scores: [1, 1, 1, 1, 1, 1, 0, 0, 1, 1] })],
    });
    const [row] = buildTrackerModel([base, awq], config, { cases: casesOf([base, awq]) }).comparisons.find(
      (c) => c.kind === 'quantization',
    )!.rows;
    expect(row!.diff).toBe(0);
    expect(row!.flips).toEqual({ agree: 6, fixed: 2, broken: 2, brokenIds: ['6', '7'], fixedIds: ['8', '9'] });
  });

  test('mark a comparison whose fingerprints differ in a score-changing key', () => {
    const presets = model.comparisons.find((c) => c.kind === 'preset')!;
    expect(presets.rows.map((r) => [r.dataset, r.scoreChangingDifferences])).toEqual([
      ['gsm8k/0shot', ['prompt.gsm8k/0shot']],
      ['humaneval/base', []],
    ]);
  });

  test('do not mark the model difference of a model comparison', () => {
    expect(model.comparisons.find((c) => c.kind === 'model')!.rows[0]!.scoreChangingDifferences).toEqual([]);
  });

  test('pair a quantized model with its base by explicit baseKey or by id prefix', () => {
    expect(quantizationPairs(config)).toEqual([['qwen2_5_14b', 'qwen2_5_14b_awq']]);
    expect(
      quantizationPairs({
        presets: [],
        models: [
          { key: 'a', id: 'x/A' },
          { key: 'q', id: 'x/Other-GPTQ', quantization: 'gptq', baseKey: 'a' },
        ],
      }),
    ).toEqual([['a', 'q']]);
  });

  test('pair cases by id for the paired p-value', () => {
    const a = makeRun({ modelKey: 'qwen2_5_7b', datasets: [makeDataset({ scores: binaryScores(30, 30) })] });
    const b = makeRun({ modelKey: 'qwen2_5_14b', datasets: [makeDataset({ scores: binaryScores(30, 20) })] });
    const row = buildTrackerModel([a, b], config, { cases: casesOf([a, b]) }).comparisons[0]!.rows[0]!;
    expect(row.nPaired).toBe(30);
    expect(row.p).toBeCloseTo(2 / 1024, 12); // exact McNemar, b=10, c=0: 2 * 2^-10
  });
});

describe('reasoning models in the tracker', () => {
  const qwen3 = { modelKey: 'qwen3_4b', modelId: 'Qwen/Qwen3-4B' };
  const on = makeRun({ ...qwen3, reasoning: { parser: 'qwen3', thinking: true }, startedAt: '2026-11-28T10:00:00.000Z' });
  const off = makeRun({ ...qwen3, reasoning: { parser: 'qwen3', thinking: false }, startedAt: '2026-11-28T11:00:00.000Z' });
  const other = makeRun({ startedAt: '2026-11-28T12:00:00.000Z' });
  const tracker = buildTrackerModel([on, off, other], config);

  test('keeps thinking on and off in sections of their own, each naming its switch', () => {
    const own = tracker.sections.filter((s) => s.modelKey === 'qwen3_4b');
    expect(own.map((s) => [s.latestRunId, s.reasoning])).toEqual([
      [off.runId, { parser: 'qwen3', thinking: false }],
      [on.runId, { parser: 'qwen3', thinking: true }],
    ]);
  });

  test('never compares a thinking section with another section', () => {
    expect(tracker.comparisons.filter((c) => c.a.modelKey === 'qwen3_4b' || c.b.modelKey === 'qwen3_4b')).toEqual([]);
  });

  test('says in the changelog whether thinking was on', () => {
    expect(tracker.changelog.find((e) => e.runId === on.runId)?.thinking).toBe('thinking on (qwen3)');
    expect(tracker.changelog.find((e) => e.runId === other.runId)?.thinking).toBe('');
  });
});
