import { DEFAULT_CONFIDENCE, type Interval, zForConfidence } from './interval.ts';

/**
 * Wilson score interval for a binomial proportion (no continuity correction).
 * Returns null when `n` is 0. Bounds are clamped to [0, 1].
 * @default confidence 0.95
 * @example wilsonInterval(8, 10) // [0.4902, 0.9433]
 */
export function wilsonInterval(successes: number, n: number, confidence: number = DEFAULT_CONFIDENCE): Interval | null {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`\`n\` must be a non-negative number, received ${n}`);
  if (!Number.isFinite(successes) || successes < 0 || successes > n) {
    throw new RangeError(`\`successes\` must be between 0 and n=${n}, received ${successes}`);
  }
  const z = zForConfidence(confidence);
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}
