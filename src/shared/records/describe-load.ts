import type { BenchLoad } from './benchmark.ts';

/** A label for a load point: `concurrency 8`, `rate 2.5/s (burstiness 1)`. */
export function describeLoadOf(load: BenchLoad): string {
  if (load.kind === 'concurrency') return `concurrency ${load.concurrency}`;
  const cap = load.maxConcurrency === null ? '' : `, max ${load.maxConcurrency} in flight`;
  return `rate ${Number(load.requestRate.toPrecision(3))}/s (burstiness ${load.burstiness}${cap})`;
}
