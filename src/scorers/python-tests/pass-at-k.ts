import { ScorerError } from '../../shared/errors.ts';

// Unbiased pass@k for one problem: 1 − C(n−c, k) / C(n, k), as the stable product 1 − Π_{i=n−c+1..n} (1 − k/i).
export function passAtK(n: number, c: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(c) || !Number.isInteger(k) || n < 1 || k < 1 || c < 0 || c > n) {
    throw new ScorerError(`passAtK expects integers n >= 1, 0 <= c <= n, k >= 1; received n=${n}, c=${c}, k=${k}`);
  }
  if (k > n) throw new ScorerError(`pass@${k} needs at least ${k} samples per problem; received n=${n}`);
  if (n - c < k) return 1;
  let product = 1;
  for (let i = n - c + 1; i <= n; i++) product *= 1 - k / i;
  return 1 - product;
}

/** Samples and passes of one problem. */
export interface SampleCount {
  n: number;
  c: number;
}

// Mean pass@k over problems; every problem must have n >= k.
export function meanPassAtK(counts: SampleCount[], k: number): number {
  if (counts.length === 0) throw new ScorerError('meanPassAtK needs at least one problem');
  return counts.reduce((sum, { n, c }) => sum + passAtK(n, c, k), 0) / counts.length;
}
