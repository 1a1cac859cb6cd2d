// Median and range of a few repeated measurements (a benchmark point's repeats, a preset's runs).

/** Median, lowest and highest of the values. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** The spread of `values`; null when there are none. */
export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, n: sorted.length };
}

/** The median of `values`, which must hold at least one. */
export function medianOf(values: readonly number[]): number {
  const spread = spreadOf(values);
  if (!spread) throw new Error('medianOf: no values');
  return spread.median;
}

/** True when two spreads do not overlap (every value of one is above every value of the other). */
export function spreadsApart(a: Spread, b: Spread): boolean {
  return a.min > b.max || b.min > a.max;
}
