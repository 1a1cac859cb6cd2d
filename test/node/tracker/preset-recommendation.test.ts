import { describe, expect, test } from 'vitest';
import { casesOf } from '../../../src/node/tracker/case-lookup.ts';
import { recommendPresets } from '../../../src/node/tracker/preset-recommendation.ts';
import { renderPresetRecommendations } from '../../../src/node/tracker/preset-recommendation-render.ts';
import { makeBenchmarks } from './benchmark-fixtures.ts';
import { binaryScores, makeDataset, makeRun } from './fixtures.ts';

const config = {
  presets: [
    { name: 'performance', gpuMemoryUtilization: 0.9 },
    { name: 'balanced', gpuMemoryUtilization: 0.85 },
    { name: 'memory_optimized', gpuMemoryUtilization: 0.7 },
  ],
  referencePreset: 'balanced',
};

const bench = (preset: string, tokensPerSec: number, extra: Parameters<typeof makeBenchmarks>[1] = {}) =>
  makeRun({ preset, datasets: [], benchmarks: makeBenchmarks(tokensPerSec, extra) });

describe('recommendPresets', () => {
  test('recommends nothing from a single benchmark run per preset', () => {
    const [model] = recommendPresets([bench('performance', 3000), bench('balanced', 2000)], config);
    expect(model!.throughput.preset).toBeNull();
    expect(model!.throughput.reason).toMatch(/fewer than 2 benchmark runs: performance 1, balanced 1/);
  });

  test('recommends the fastest preset when two runs each put its range above the others', () => {
    const runs = [bench('performance', 3000), bench('performance', 3100), bench('balanced', 2000), bench('balanced', 2050)];
    const [model] = recommendPresets(runs, config);
    expect(model!.throughput.preset).toBe('performance');
    expect(model!.throughput.reason).toMatch(/over balanced/);
  });

  test('recommends nothing when the throughput ranges overlap', () => {
    const runs = [bench('performance', 3000), bench('performance', 2000), bench('balanced', 2500), bench('balanced', 2600)];
    expect(recommendPresets(runs, config)[0]!.throughput).toMatchObject({ preset: null, reason: expect.stringMatching(/overlap/) });
  });

  test('for memory, recommends the smallest reserved share when no GPU memory was measured', () => {
    const runs = [bench('performance', 3000), bench('performance', 3100), bench('memory_optimized', 1500), bench('memory_optimized', 1550)];
    expect(recommendPresets(runs, config)[0]!.memory).toMatchObject({
      preset: 'memory_optimized',
      reason: expect.stringMatching(/reserves 0.7 of GPU memory vs 0.9/),
    });
  });

  test('a preset whose accuracy dropped significantly against the reference is not a candidate', () => {
    const evalRun = (preset: string, correct: number) =>
      makeRun({ preset, datasets: [makeDataset({ scores: [...binaryScores(200, correct)] })] });
    const runs = [
      evalRun('balanced', 180),
      evalRun('performance', 100),
      bench('performance', 3000),
      bench('performance', 3100),
      bench('balanced', 2000),
      bench('balanced', 2050),
    ];
    const [model] = recommendPresets(runs, { ...config, cases: casesOf(runs) });
    expect(model!.presets.find((p) => p.preset === 'performance')!.accuracyDrop?.dataset).toBe('gsm8k/0shot');
    expect(model!.throughput.preset).toBeNull();
  });

  test('real and simulated runs are never mixed', () => {
    const runs = [
      bench('balanced', 2000),
      makeRun({ preset: 'balanced', datasets: [], simulation: 'gold', benchmarks: makeBenchmarks(9000, { simulated: true }) }),
    ];
    expect(recommendPresets(runs, config).map((m) => m.simulation)).toEqual([null, 'gold']);
  });

  test('runs of another benchmark definition are left out', () => {
    const runs = [bench('balanced', 2000, { definitionHash: 'old' }), bench('balanced', 2100)];
    expect(recommendPresets(runs, config)[0]!.presets.find((p) => p.preset === 'balanced')!.benchmarkRuns).toBe(1);
  });

  test('p99 latency is compared at the largest concurrency every preset measured', () => {
    const runs = [bench('performance', 3000, { p99: 900 }), bench('balanced', 2000, { p99: 1500 })];
    const [model] = recommendPresets(runs, config);
    expect(model!.statedConcurrency).toBe(8);
    expect(model!.presets.map((p) => p.p99E2elMs?.median)).toEqual([900, 1500]);
  });
});

describe('renderPresetRecommendations', () => {
  test('states the rule, a row per preset and one line per goal', () => {
    const runs = [bench('performance', 3000), bench('performance', 3100), bench('balanced', 2000), bench('balanced', 2050)];
    const text = renderPresetRecommendations(recommendPresets(runs, config)).join('\n');
    expect(text).toContain('Rule: A preset is a candidate with at least 2 benchmark runs');
    expect(text).toMatch(/\| performance \| 2 \| 3,050 \(3,000–3,100\) \|/);
    expect(text).toContain('- **Throughput:** **performance**:');
  });
});
