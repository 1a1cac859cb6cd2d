import { describe, expect, test } from 'vitest';
import { MetricValueSchema } from '../../../src/shared/records/metric.ts';
import { summarizeMetric } from '../../../src/shared/stats/summarize.ts';

const strict = { name: 'strict', kind: 'proportion' as const };
const rating = { name: 'rating', kind: 'mean' as const };

describe('summarizeMetric', () => {
  test('gives a proportion its share and the Wilson interval, ignoring null scores', () => {
    const value = summarizeMetric(strict, [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, null, undefined]);
    expect(value.value).toBe(0.8);
    expect(value.n).toBe(10);
    expect(value.ci![0]).toBeCloseTo(0.49016247153664183, 7);
    expect(value.ci![1]).toBeCloseTo(0.9433178485456247, 7);
  });

  test('gives a graded metric its mean and a bootstrap interval around it', () => {
    const value = summarizeMetric(rating, [8, 9, 7, 10, 6, 8]);
    expect(value.kind).toBe('mean');
    expect(value.value).toBe(8);
    expect(value.ci![0]).toBeLessThan(8);
    expect(value.ci![1]).toBeGreaterThan(8);
  });

  test('is deterministic for graded metrics', () => {
    expect(summarizeMetric(rating, [1, 5, 9, 3])).toEqual(summarizeMetric(rating, [1, 5, 9, 3]));
  });

  test('gives null value and interval when no case was scored', () => {
    expect(summarizeMetric(strict, [null, null])).toEqual({ kind: 'proportion', value: null, n: 0, ci: null });
    expect(summarizeMetric(rating, [])).toEqual({ kind: 'mean', value: null, n: 0, ci: null });
  });

  test('produces a value that satisfies MetricValueSchema', () => {
    expect(MetricValueSchema.safeParse(summarizeMetric(strict, [1, 0, 1])).success).toBe(true);
  });

  test('rejects a NaN score naming the metric', () => {
    expect(() => summarizeMetric(strict, [1, Number.NaN])).toThrow(/metric `strict`/);
  });
});
