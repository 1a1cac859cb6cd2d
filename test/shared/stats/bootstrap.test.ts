import { describe, expect, test } from 'vitest';
import { bootstrapMeanInterval, pairedBootstrapDiff } from '../../../src/shared/stats/bootstrap.ts';
import { createRandom } from '../../../src/shared/stats/random.ts';
import { wilsonInterval } from '../../../src/shared/stats/wilson.ts';

const gsm8kLike: number[] = Array.from({ length: 1319 }, (_, i) => (i % 12 === 0 ? 0 : 1));

describe('bootstrapMeanInterval', () => {
  test('gives the same interval for the same seed', () => {
    const values = [3, 7, 1, 9, 4, 6, 2, 8];
    expect(bootstrapMeanInterval(values, { seed: 7 })).toEqual(bootstrapMeanInterval(values, { seed: 7 }));
  });

  test('gives a different interval for a different seed', () => {
    const values = [3, 7, 1, 9, 4, 6, 2, 8];
    expect(bootstrapMeanInterval(values, { seed: 1 })).not.toEqual(bootstrapMeanInterval(values, { seed: 2 }));
  });

  test('brackets the sample mean', () => {
    const values = [3, 7, 1, 9, 4, 6, 2, 8];
    const [low, high] = bootstrapMeanInterval(values)!;
    expect(low).toBeLessThan(5);
    expect(high).toBeGreaterThan(5);
  });

  test('agrees with the Wilson interval to within 0.005 on 1319 binary scores', () => {
    const [low, high] = bootstrapMeanInterval(gsm8kLike)!;
    const successes = gsm8kLike.reduce((a, b) => a + b, 0);
    const [wLow, wHigh] = wilsonInterval(successes, gsm8kLike.length)!;
    expect(Math.abs(low - wLow)).toBeLessThan(0.005);
    expect(Math.abs(high - wHigh)).toBeLessThan(0.005);
  });

  test('narrows as the confidence level drops', () => {
    const wide = bootstrapMeanInterval(gsm8kLike, { confidence: 0.99 })!;
    const narrow = bootstrapMeanInterval(gsm8kLike, { confidence: 0.8 })!;
    expect(narrow[1] - narrow[0]).toBeLessThan(wide[1] - wide[0]);
  });

  test('collapses to the value when every value is the same', () => {
    expect(bootstrapMeanInterval([4, 4, 4])).toEqual([4, 4]);
  });

  test('returns null for no values', () => {
    expect(bootstrapMeanInterval([])).toBeNull();
  });

  test('rejects a non-finite value', () => {
    expect(() => bootstrapMeanInterval([1, Number.NaN])).toThrow(/finite/);
  });
});

describe('createRandom', () => {
  test('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const first = Array.from({ length: 1000 }, () => a());
    expect(first).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('pairedBootstrapDiff', () => {
  test('reports the mean of b - a as diff', () => {
    expect(pairedBootstrapDiff([1, 1, 0, 0], [1, 0, 0, 1]).diff).toBe(0);
    expect(pairedBootstrapDiff([5, 6, 7], [4, 4, 4]).diff).toBeCloseTo(-2, 12);
  });

  test('gives p = 1 and a zero interval when nothing changed', () => {
    const result = pairedBootstrapDiff([1, 0, 1, 1], [1, 0, 1, 1]);
    expect(result).toEqual({ n: 4, diff: 0, ci: [0, 0], p: 1 });
  });

  test('finds a consistent drop significant with an interval below 0', () => {
    const a = Array.from({ length: 200 }, (_, i) => 6 + (i % 5));
    const b = a.map((x, i) => x - 1 - (i % 3) * 0.5);
    const result = pairedBootstrapDiff(a, b);
    expect(result.p).toBeLessThan(0.01);
    expect(result.ci![1]).toBeLessThan(0);
  });

  test('does not find symmetric noise significant', () => {
    const a = Array.from({ length: 100 }, () => 5);
    const b = a.map((x, i) => x + (i % 2 === 0 ? 1 : -1));
    const result = pairedBootstrapDiff(a, b);
    expect(result.p).toBeGreaterThan(0.5);
    expect(result.ci![0]).toBeLessThan(0);
    expect(result.ci![1]).toBeGreaterThan(0);
  });

  test('returns nulls for no pairs', () => {
    expect(pairedBootstrapDiff([], [])).toEqual({ n: 0, diff: null, ci: null, p: null });
  });

  test('rejects samples of different lengths', () => {
    expect(() => pairedBootstrapDiff([1, 2], [1])).toThrow(/equal length, received 2 and 1/);
  });
});
