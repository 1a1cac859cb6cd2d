import { describe, expect, test } from 'vitest';
import { medianOf, spreadOf, spreadsApart } from '../../../src/shared/stats/spread.ts';

describe('spread of repeated measurements', () => {
  test('gives the median (the middle two averaged for an even count), the lowest, the highest and the count', () => {
    expect(spreadOf([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, n: 3 });
    expect(spreadOf([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
    expect(spreadOf([])).toBeNull();
  });

  test('medianOf is the spread’s median, and refuses no values', () => {
    expect(medianOf([10, 30, 20, 40])).toBe(25);
    expect(() => medianOf([])).toThrow('medianOf: no values');
  });

  test('two spreads are apart only when they do not overlap', () => {
    expect(spreadsApart(spreadOf([1, 2])!, spreadOf([3, 4])!)).toBe(true);
    expect(spreadsApart(spreadOf([1, 3])!, spreadOf([3, 4])!)).toBe(false);
  });
});
