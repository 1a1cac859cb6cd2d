import { describe, expect, test } from 'vitest';
import { stratifiedBootstrapIntervals } from '../../../src/shared/stats/stratified-bootstrap.ts';

// Intervals of statistics over several independent proportions (BFCL's means of per-category accuracies).

const mean = (rates: (number | null)[]) => [rates.reduce<number>((sum, r) => sum + (r ?? 0), 0) / rates.length];

describe('stratifiedBootstrapIntervals', () => {
  test('gives the same interval for the same seed', () => {
    const strata = [
      { successes: 30, n: 40 },
      { successes: 5, n: 20 },
    ];
    expect(stratifiedBootstrapIntervals(strata, mean, { seed: 7 })).toEqual(stratifiedBootstrapIntervals(strata, mean, { seed: 7 }));
  });

  test('brackets the observed statistic', () => {
    const [interval] = stratifiedBootstrapIntervals(
      [
        { successes: 30, n: 40 },
        { successes: 5, n: 20 },
      ],
      mean,
    );
    const observed = (30 / 40 + 5 / 20) / 2;
    expect(interval![0]).toBeLessThan(observed);
    expect(interval![1]).toBeGreaterThan(observed);
  });

  test('narrows as the strata grow at the same rates', () => {
    const width = (scale: number) => {
      const [interval] = stratifiedBootstrapIntervals(
        [
          { successes: 3 * scale, n: 4 * scale },
          { successes: scale, n: 4 * scale },
        ],
        mean,
      );
      return interval![1] - interval![0];
    };
    expect(width(50)).toBeLessThan(width(5) / 2);
  });

  test('is a point where every stratum passed or failed every case', () => {
    expect(
      stratifiedBootstrapIntervals(
        [
          { successes: 6, n: 6 },
          { successes: 0, n: 6 },
        ],
        mean,
      ),
    ).toEqual([[0.5, 0.5]]);
  });

  test('hands a stratum without cases to the statistic as null', () => {
    const seen: (number | null)[] = [];
    stratifiedBootstrapIntervals(
      [
        { successes: 1, n: 2 },
        { successes: 0, n: 0 },
      ],
      (rates) => {
        seen.push(rates[1]!);
        return [rates[0]!];
      },
      { resamples: 10 },
    );
    expect(new Set(seen)).toEqual(new Set([null]));
  });

  test('gives one interval per statistic, null for one that is not finite', () => {
    const intervals = stratifiedBootstrapIntervals([{ successes: 2, n: 4 }], (rates) => [rates[0]!, Number.NaN], { resamples: 50 });
    expect(intervals).toHaveLength(2);
    expect(intervals[1]).toBeNull();
  });
});
