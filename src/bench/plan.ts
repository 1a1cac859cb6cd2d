import type { BenchmarkConfig } from '../shared/config/benchmark.ts';
import type { BenchLoad } from '../shared/records/benchmark.ts';

// Which load points a benchmark measures and how many requests each sends.

/** A load point to measure. */
export interface PlannedPoint {
  load: BenchLoad;
  requests: number;
  warmups: number;
}

// The concurrency sweep: 1, 2, 4, ... up to the server's slots, the slots themselves, then twice them (queueing).
export function concurrencySweep(config: Pick<BenchmarkConfig, 'concurrency'>, totalSlots: number): number[] {
  if (config.concurrency !== 'auto') return [...new Set(config.concurrency)].sort((a, b) => a - b);
  const points: number[] = [];
  for (let c = 1; c < totalSlots; c *= 2) points.push(c);
  points.push(totalSlots, totalSlots * 2);
  return points;
}

// A closed-loop point: `requestsPerClient` per client, at least `minRequests`; warm-ups one per client up to 16.
export function concurrencyPoint(config: BenchmarkConfig, concurrency: number): PlannedPoint {
  return {
    load: { kind: 'concurrency', concurrency },
    requests: Math.max(config.minRequests, config.requestsPerClient * concurrency),
    warmups: config.warmups === 'auto' ? Math.min(concurrency, 16) : config.warmups,
  };
}

// A rate point: `rateDurationS` seconds of arrivals, at least `minRequests`.
export function ratePoint(config: BenchmarkConfig, requestRate: number, burstiness: number, maxConcurrency: number | null): PlannedPoint {
  return {
    load: { kind: 'rate', requestRate, burstiness, maxConcurrency },
    requests: Math.max(config.minRequests, Math.round(requestRate * config.rateDurationS)),
    warmups: config.warmups === 'auto' ? 4 : config.warmups,
  };
}

/** Shares of the saturated request throughput the automatic rate points run at. */
export const AUTO_RATE_SHARES = [0.5, 0.9] as const;

/** A label for a load point: `concurrency 8`, `rate 2.5/s (burstiness 1)`. */
export { describeLoadOf as describeLoad } from '../shared/records/describe-load.ts';
