import { describe, expect, test } from 'vitest';
import { compareDatasetMetric } from '../../../src/shared/gates/compare.ts';
import type { DatasetResult } from '../../../src/shared/records/run-record.ts';
import { pairedRatioDiff, summarizeRatio } from '../../../src/shared/stats/ratio.ts';
import { summarizeMetric } from '../../../src/shared/stats/summarize.ts';

const inst = { name: 'inst', kind: 'ratio' as const };

describe('ratio metrics', () => {
  test('pool passed units over units instead of averaging per-case shares', () => {
    // One case follows 1 of 1 instruction, another 0 of 3: pooled 1/4, while the mean of shares would be 1/2.
    const value = summarizeMetric(inst, [1, 0], [1, 3]);
    expect(value.value).toBe(0.25);
    expect(value.units).toEqual({ passed: 1, total: 4 });
    expect(value.n).toBe(2);
  });

  test('leave cases without a score out of both the numerator and the denominator', () => {
    expect(summarizeMetric(inst, [1, null, 0.5], [2, 5, 2]).units).toEqual({ passed: 3, total: 4 });
  });

  test('give an interval that contains the pooled value and is reproducible', () => {
    const cases = Array.from({ length: 40 }, (_, i) => ({ score: i % 3 === 0 ? 0.5 : 1, units: 2 + (i % 2) }));
    const pooled = summarizeRatio(cases);
    expect(pooled.ci![0]).toBeLessThan(pooled.value!);
    expect(pooled.ci![1]).toBeGreaterThan(pooled.value!);
    expect(summarizeRatio(cases)).toEqual(pooled);
  });

  test('resample cases, so units of one case move together and the interval is wider than for independent units', () => {
    // 20 cases of 5 units each, all passed or all failed: really 20 observations, not 100.
    const clustered = summarizeRatio(Array.from({ length: 20 }, (_, i) => ({ score: i % 2, units: 5 })));
    const independent = summarizeRatio(Array.from({ length: 100 }, (_, i) => ({ score: i % 2, units: 1 })));
    expect(clustered.value).toBe(independent.value);
    expect(clustered.ci![1] - clustered.ci![0]).toBeGreaterThan(independent.ci![1] - independent.ci![0]);
  });

  test('report no value and no interval when nothing was scored', () => {
    expect(summarizeMetric(inst, [null])).toEqual({ kind: 'ratio', value: null, n: 0, ci: null, units: { passed: 0, total: 0 } });
  });

  test('reject a share outside [0, 1] and a unit count that is not a positive integer', () => {
    expect(() => summarizeRatio([{ score: 2, units: 1 }])).toThrow(/share in \[0, 1\]/);
    expect(() => summarizeRatio([{ score: 1, units: 0 }])).toThrow(/positive integer/);
  });

  test('measure a paired change as the change of the pooled ratio', () => {
    const before = [
      { score: 1, units: 3 },
      { score: 1, units: 1 },
    ];
    const after = [
      { score: 1 / 3, units: 3 },
      { score: 1, units: 1 },
    ];
    const diff = pairedRatioDiff(before, after);
    expect(diff.diff).toBeCloseTo(-0.5);
    expect(diff.n).toBe(2);
  });

  test('compare a ratio metric with a baseline by its pooled values and name the test', () => {
    const dataset = (scores: number[]): DatasetResult =>
      ({
        metricSpecs: [{ name: 'inst', kind: 'ratio', description: '', range: [0, 1] }],
        metrics: {},
        cases: Object.fromEntries(scores.map((s, i) => [String(i), { verdict: 'graded', scores: { inst: s }, units: { inst: i + 1 } }])),
      }) as unknown as DatasetResult;
    const comparison = compareDatasetMetric('x/y', dataset([1, 0.5]), dataset([1, 1]), 'inst', { comparable: true, differences: [] }, {});
    expect(comparison.test).toBe('paired cluster bootstrap');
    expect(comparison.baselineValue).toBe(1);
    expect(comparison.currentValue).toBeCloseTo(2 / 3);
    expect(comparison.regressions).toEqual(['1']);
  });
});
