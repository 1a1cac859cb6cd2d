import { describe, expect, test } from 'vitest';
import { gammaGaps } from '../../src/bench/arrivals.ts';
import { concurrencySweep } from '../../src/bench/plan.ts';

function stats(gaps: number[]) {
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const variance = gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / gaps.length;
  return { mean, cv2: variance / mean ** 2 };
}

describe('gammaGaps', () => {
  test('the mean gap is 1 / rate whatever the burstiness', () => {
    for (const burstiness of [0.5, 1, 4]) expect(stats(gammaGaps(20_000, 5, burstiness, 1)).mean).toBeCloseTo(200, -1);
  });

  test('the squared coefficient of variation is 1 / burstiness (1 = Poisson)', () => {
    expect(stats(gammaGaps(20_000, 5, 1, 2)).cv2).toBeCloseTo(1, 1);
    expect(stats(gammaGaps(20_000, 5, 0.25, 3)).cv2).toBeCloseTo(4, 0);
    expect(stats(gammaGaps(20_000, 5, 4, 4)).cv2).toBeCloseTo(0.25, 1);
  });

  test('the same seed gives the same gaps', () => {
    expect(gammaGaps(5, 2, 1, 7)).toEqual(gammaGaps(5, 2, 1, 7));
    expect(gammaGaps(5, 2, 1, 7)).not.toEqual(gammaGaps(5, 2, 1, 8));
  });
});

describe('concurrencySweep', () => {
  test('auto doubles from 1 up to the slots, then goes past them', () => {
    expect(concurrencySweep({ concurrency: 'auto' }, 64)).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
    expect(concurrencySweep({ concurrency: 'auto' }, 48)).toEqual([1, 2, 4, 8, 16, 32, 48, 96]);
  });

  test('a given list is used sorted and without repeats', () => {
    expect(concurrencySweep({ concurrency: [8, 1, 8] }, 64)).toEqual([1, 8]);
  });
});
