import { describe, expect, test } from 'vitest';
import { mergeGates } from '../../../src/node/merge/merge-gates.ts';
import { mergeShardRecords, type ShardInput } from '../../../src/node/merge/merge-runs.ts';
import { shardPositions } from '../../../src/runtime/shard.ts';
import { RecordError } from '../../../src/shared/errors.ts';
import { noBaselineGate, thresholdGates } from '../../../src/shared/gates/evaluate.ts';
import type { RunRecord } from '../../../src/shared/records/run-record.ts';
import { makeDataset, makeRun, type RunFixture } from '../tracker/fixtures.ts';

// Issue 12: the shards of one run (`--shard i/n`) merged into the run one host would have made.
const SCORES = [1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1];
const COUNT = 2;

// The share of SCORES shard `index` asks, keyed by the dataset's own ids, as the worker selects it.
function shareOf(index: number): Record<string, number> {
  return Object.fromEntries(shardPositions(SCORES.length, { index, count: COUNT }).map((i) => [String(i), SCORES[i]!]));
}

function shard(index: number, extra: RunFixture = {}, count = COUNT): ShardInput {
  const record = makeRun({ shard: { index, count }, datasets: [makeDataset({ scores: shareOf(index) })], ...extra });
  return { record, source: `host${index}/runs/${record.runId}.json`, cases: null };
}

const merge = (shards: ShardInput[]) => mergeShardRecords(shards, 'merged-run');

describe('shardPositions', () => {
  test('gives every selected case to exactly one shard, sizes within one of each other', () => {
    const shares = [1, 2, 3].map((index) => shardPositions(10, { index, count: 3 }));
    expect(shares.flat().sort((a, b) => a - b)).toEqual(shardPositions(10, null));
    expect(shares.map((s) => s.length)).toEqual([4, 3, 3]);
  });
});

describe('mergeShardRecords', () => {
  test('equals the unsharded run in cases, metrics and counts', () => {
    const whole = makeDataset({ scores: SCORES });
    const merged = merge([shard(2), shard(1)]).datasets['gsm8k/0shot']!;
    expect(merged.cases).toEqual(whole.cases);
    expect(merged.metrics).toEqual(whole.metrics);
    expect(merged.counts).toEqual(whole.counts);
  });

  test('is one run: no shard, the shard run ids in shard order, a fingerprint of its own fields', () => {
    const [one, two] = [shard(1), shard(2)];
    const merged = merge([two, one]);
    expect(merged.shard).toBeNull();
    expect(merged.mergedFrom).toEqual([one.record.runId, two.record.runId]);
    expect(merged.fingerprintHash).toBe(one.record.fingerprintHash);
  });

  test('adds the shards rates and keeps the longest wall time (the shards ran side by side)', () => {
    const merged = merge([shard(1, { performance: { wallMs: 50_000 } }), shard(2, { performance: { wallMs: 70_000 } })]);
    expect(merged.performance).toMatchObject({ wallMs: 70_000, requests: 20, outputTokensPerSec: 2000, ttftMs: null });
  });

  test("adds the shards' server rates, keeps the worst KV peak, and leaves the overall hit rate unknown", () => {
    const metrics = (rate: number, peak: number): RunRecord['serverMetrics'] => ({
      intervalMs: 1000,
      startedAt: '2026-11-27T10:00:00.000Z',
      finishedAt: '2026-11-27T10:01:00.000Z',
      slotsPerReplica: 64,
      replicas: [],
      total: { generationTokensPerSec: rate, meanRunning: rate / 10, peakKvCacheUsage: peak, prefixCacheHitRate: 0.5, preemptions: 1 },
      gpu: { available: false, reason: 'no nvidia-smi' },
    });
    const merged = merge([shard(1, { serverMetrics: metrics(100, 0.4) }), shard(2, { serverMetrics: metrics(300, 0.7) })]);
    expect(merged.serverMetrics!.total).toEqual({
      generationTokensPerSec: 400,
      meanRunning: 40,
      peakKvCacheUsage: 0.7,
      prefixCacheHitRate: null,
      preemptions: 2,
    });
  });

  test('is as incomplete as its most incomplete shard, saying which shard', () => {
    const two = shard(2, { status: 'partial' });
    two.record.incomplete = { reason: 'server-failed', message: 'server on host2 died' };
    const merged = merge([shard(1), two]);
    expect(merged.status).toBe('partial');
    expect(merged.incomplete).toEqual({ reason: 'server-failed', message: 'shard 2/2: server on host2 died' });
  });

  const refusals: Array<[string, () => ShardInput[], RegExp]> = [
    ['a missing shard', () => [shard(1)], /Shard\(s\) 2\/2 missing/],
    ['a shard given twice', () => [shard(1), shard(1), shard(2)], /Shard 1\/2 is given twice/],
    ['a run that ran without --shard', () => [shard(1), { ...shard(2), record: { ...shard(2).record, shard: null } }], /is not a shard/],
    ['shards of different counts', () => [shard(1), shard(2, {}, 3)], /is shard 2\/3, expected a shard of 2/],
    ['another preset', () => [shard(1), shard(2, { preset: 'throughput' })], /has preset "throughput", expected "default"/],
    ['a score-changing difference', () => [shard(1), shard(2, { temperature: 0.7 })], /fingerprints differ/],
  ];
  test.each(refusals)('refuses %s, naming the file', (_, shards, message) => {
    expect(() => merge(shards())).toThrow(RecordError);
    expect(() => merge(shards())).toThrow(message);
  });

  test('refuses a case two shards answered differently', () => {
    const two = shard(2);
    two.record.datasets['gsm8k/0shot']!.cases['0'] = { verdict: 'wrong', scores: { strict: 0 } };
    expect(() => merge([shard(1), two])).toThrow(/gsm8k\/0shot case 0 was answered by two shards with different results/);
  });
});

describe('mergeGates', () => {
  const thresholdOf = (record: RunRecord) => thresholdGates('gsm8k/0shot', record.datasets['gsm8k/0shot']!, { strict: 0.7 });

  test('judges each threshold again over all the cases: one shard missing it does not fail the run', () => {
    const shards = [shard(1), shard(2)].map((s) => s.record);
    for (const record of shards) record.gates = thresholdOf(record);
    expect(shards.map((r) => r.gates[0]!.passed)).toEqual([false, true]);
    const merged = merge(shards.map((record) => ({ record, source: record.runId, cases: null })));
    const gates = mergeGates(merged, shards, null);
    const whole = makeDataset({ scores: SCORES });
    expect(gates).toEqual(thresholdGates('gsm8k/0shot', whole, { strict: 0.7 }));
    expect(gates[0]!.passed).toBe(true);
  });

  test("says no shard had a baseline rather than naming one shard's results folder as the merged run's", () => {
    const shards = [shard(1), shard(2)].map((s) => s.record);
    shards.forEach((record, i) => {
      record.gates = [noBaselineGate('gsm8k/0shot', 'strict', `no run in host${i + 1}/runs on branch main`)];
    });
    const merged = merge(shards.map((record) => ({ record, source: record.runId, cases: null })));
    expect(mergeGates(merged, shards, null).map((g) => g.message)).toEqual([
      'NO BASELINE: gsm8k/0shot strict: no shard had a baseline (shard 1/2: no run in host1/runs on branch main)',
    ]);
  });
});
