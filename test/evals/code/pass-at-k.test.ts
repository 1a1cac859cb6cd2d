import { describe, expect, test } from 'vitest';
import { ScorerError } from '../../../src/shared/errors.ts';
import { meanPassAtK, passAtK } from '../../helpers/code-datasets.ts';

// Direct 1 − C(n−c, k) / C(n, k) for small n.
function direct(n: number, c: number, k: number): number {
  const choose = (a: number, b: number): number =>
    b > a ? 0 : Array.from({ length: b }, (_, i) => (a - i) / (i + 1)).reduce((x, y) => x * y, 1);
  return 1 - choose(n - c, k) / choose(n, k);
}

describe('passAtK', () => {
  test('matches the combinatorial definition', () => {
    for (const [n, c, k] of [
      [10, 3, 1],
      [10, 3, 5],
      [20, 1, 10],
      [5, 0, 2],
    ] as const) {
      expect(passAtK(n, c, k)).toBeCloseTo(direct(n, c, k), 12);
    }
  });

  test('pass@1 is the fraction of passing samples', () => {
    expect(passAtK(8, 3, 1)).toBeCloseTo(3 / 8, 12);
  });

  test('is 1 when fewer than k samples fail', () => {
    expect(passAtK(10, 8, 3)).toBe(1);
  });

  test('stays finite and in [0, 1] for large n where binomials overflow', () => {
    const value = passAtK(2000, 7, 100);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(1);
  });

  test('rejects k larger than n', () => {
    expect(() => passAtK(3, 1, 5)).toThrow(ScorerError);
  });

  test('averages over problems', () => {
    expect(
      meanPassAtK(
        [
          { n: 1, c: 1 },
          { n: 1, c: 0 },
        ],
        1,
      ),
    ).toBe(0.5);
  });
});
