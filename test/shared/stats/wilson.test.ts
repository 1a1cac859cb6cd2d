import { describe, expect, test } from 'vitest';
import { normalQuantile, zForConfidence } from '../../../src/shared/stats/interval.ts';
import { wilsonInterval } from '../../../src/shared/stats/wilson.ts';

// Reference values computed independently with SciPy 1.17 (scipy.stats.norm.ppf) and the closed-form
// Wilson score interval; they match R `prop.test(x, n, correct = FALSE)$conf.int`.
describe('wilsonInterval', () => {
  test('gives [0.490162, 0.943318] for 8 of 10 at 95%', () => {
    const [low, high] = wilsonInterval(8, 10)!;
    expect(low).toBeCloseTo(0.49016247153664183, 7);
    expect(high).toBeCloseTo(0.9433178485456247, 7);
  });

  test('widens to [0.400819, 0.959869] for 8 of 10 at 99%', () => {
    const [low, high] = wilsonInterval(8, 10, 0.99)!;
    expect(low).toBeCloseTo(0.4008186965216716, 7);
    expect(high).toBeCloseTo(0.9598688474953836, 7);
  });

  test('gives [0, 0.277533] for 0 of 10, never a negative bound', () => {
    const [low, high] = wilsonInterval(0, 10)!;
    expect(low).toBe(0);
    expect(high).toBeCloseTo(0.2775327998628892, 7);
  });

  test('gives [0.722467, 1] for 10 of 10, never above 1', () => {
    const [low, high] = wilsonInterval(10, 10)!;
    expect(low).toBeCloseTo(0.7224672001371107, 7);
    expect(high).toBeLessThanOrEqual(1);
    expect(high).toBeCloseTo(1, 9);
  });

  test('gives [0.893106, 0.924075] for 1200 of 1319 (GSM8K-sized)', () => {
    const [low, high] = wilsonInterval(1200, 1319)!;
    expect(low).toBeCloseTo(0.8931055667480481, 7);
    expect(high).toBeCloseTo(0.9240747482412519, 7);
  });

  test('returns null when n is 0', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  test('rejects more successes than trials', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(/`successes` must be between 0 and n=10, received 11/);
  });

  test('rejects a confidence outside (0, 1)', () => {
    expect(() => wilsonInterval(1, 10, 95)).toThrow(/`confidence` must be between 0 and 1/);
  });
});

describe('normalQuantile', () => {
  // SciPy: norm.ppf(0.975) = 1.959963984540054, norm.ppf(0.995) = 2.5758293035489004, norm.ppf(0.9) = 1.2815515655446004.
  test('matches SciPy to 1e-8 in the centre and both tails', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 8);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 8);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.5758293035489004, 8);
  });

  test('gives 1.96 as the two-sided critical value for 95%', () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.959963984540054, 8);
  });
});
