import { describe, expect, test } from 'vitest';
import { exactMcNemar } from '../../../src/shared/stats/mcnemar.ts';

// Reference p-values: scipy.stats.binomtest(k, n, 0.5).pvalue (SciPy 1.17), i.e. the two-sided exact binomial test.
describe('exactMcNemar', () => {
  test('gives 22/1024 = 0.021484375 for b=1, c=9', () => {
    expect(exactMcNemar(1, 9)).toBeCloseTo(0.021484375, 12);
  });

  test('is symmetric in b and c', () => {
    expect(exactMcNemar(9, 1)).toBe(exactMcNemar(1, 9));
  });

  test('gives 2/32 = 0.0625 for 5 discordant pairs all one way', () => {
    expect(exactMcNemar(0, 5)).toBeCloseTo(0.0625, 12);
  });

  test('gives 2^-24 for 25 regressions and no fixes', () => {
    expect(exactMcNemar(25, 0)).toBeCloseTo(2 ** -24, 18);
  });

  test('matches SciPy for 40 vs 20 (0.013489) and stays finite for 500 vs 600 (0.0028195)', () => {
    expect(exactMcNemar(40, 20)).toBeCloseTo(0.01348929373119186, 10);
    expect(exactMcNemar(500, 600)).toBeCloseTo(0.0028195449914364284, 10);
  });

  test('is 1 when there are no discordant pairs or they balance', () => {
    expect(exactMcNemar(0, 0)).toBe(1);
    expect(exactMcNemar(7, 7)).toBe(1);
  });

  test('rejects a negative or fractional count', () => {
    expect(() => exactMcNemar(-1, 3)).toThrow(/`b` must be a non-negative integer/);
    expect(() => exactMcNemar(1, 2.5)).toThrow(/`c` must be a non-negative integer/);
  });
});
