import { z } from 'zod';

// Mean and linearly interpolated percentiles (numpy's default), as `vllm bench serve` reports them.

/** Mean, median, p90 and p99 of a sample. */
export const DistributionSchema = z.object({ mean: z.number(), median: z.number(), p90: z.number(), p99: z.number() });
export type Distribution = z.infer<typeof DistributionSchema>;

/** The q-quantile (0..1) of ascending `sorted` values, interpolated linearly between neighbours. */
export function quantileOfSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** Mean, median, p90, p99 of `values`; null for an empty sample. */
export function distributionOf(values: readonly number[]): Distribution | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    mean: sum / sorted.length,
    median: quantileOfSorted(sorted, 0.5),
    p90: quantileOfSorted(sorted, 0.9),
    p99: quantileOfSorted(sorted, 0.99),
  };
}
