import type { Interval } from './interval.ts';

/** Decimals used for scores in reports. */
export const SCORE_DECIMALS = 3;

/** Format a score with three decimals, or an em dash when absent. */
export function formatScore(value: number | null | undefined, decimals: number = SCORE_DECIMALS): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(decimals);
}

/** Format a signed change, e.g. `+0.012` or `-0.019`. */
export function formatDelta(value: number | null | undefined, decimals: number = SCORE_DECIMALS): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = value.toFixed(decimals);
  return value > 0 || (value === 0 && !text.startsWith('-')) ? `+${text}` : text;
}

/** Format an interval as `0.790-0.833` (or `-0.031 to -0.007` when a bound is negative). */
export function formatInterval(ci: Interval | null | undefined, decimals: number = SCORE_DECIMALS): string {
  if (!ci) return '—';
  const [low, high] = ci;
  if (low < 0 || high < 0) return `${low.toFixed(decimals)} to ${high.toFixed(decimals)}`;
  return `${low.toFixed(decimals)}-${high.toFixed(decimals)}`;
}

/** Format a p-value: `p=0.004`, `p<0.001`. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined) return 'p=—';
  if (p < 0.001) return 'p<0.001';
  return `p=${p.toFixed(3)}`;
}
