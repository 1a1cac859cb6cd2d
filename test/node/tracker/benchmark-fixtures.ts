import type { Benchmarks, BenchPoint, BenchRepeat } from '../../../src/shared/records/benchmark.ts';

// Benchmark parts of fixture run records: a sweep whose saturated output throughput is `tokensPerSec`.

function repeat(outputThroughput: number, e2elP99: number): BenchRepeat {
  const d = { mean: e2elP99 / 2, median: e2elP99 / 2, p90: e2elP99 * 0.9, p99: e2elP99 };
  return {
    completed: 32,
    failed: 0,
    incomplete: 0,
    durationMs: 10_000,
    inputTokens: 32_000,
    outputTokens: 4096,
    requestThroughput: outputThroughput / 128,
    outputThroughput,
    totalTokenThroughput: outputThroughput * 9,
    goodput: outputThroughput / 256,
    peakConcurrency: 8,
    ttftMs: d,
    tpotMs: d,
    itlMs: d,
    e2elMs: d,
    client: { eventLoopUtilization: 0.05, sendLagMs: null },
    firstError: null,
  };
}

/** A run's benchmark: concurrency 1 and 8 of one random workload; concurrency 8 reaches `tokensPerSec`. */
export function makeBenchmarks(
  tokensPerSec: number,
  options: { definitionHash?: string; simulated?: boolean; p99?: number } = {},
): Benchmarks {
  const point = (concurrency: number, tput: number): BenchPoint => ({
    workload: 'random-1024x128',
    load: { kind: 'concurrency', concurrency },
    requests: 32,
    warmups: 8,
    repeats: [repeat(tput * 0.99, options.p99 ?? 2000), repeat(tput, options.p99 ?? 2000), repeat(tput * 1.01, options.p99 ?? 2000)],
  });
  return {
    maxNumSeqs: 64,
    replicas: 1,
    streamInterval: 16,
    simulatedTiming: options.simulated ? { stepMs: 4, perSeqMs: 0.05, prefillPerTokenMs: 0, maxNumSeqs: 64, streamInterval: 16 } : null,
    slo: { ttftMs: 1000, tpotMs: 50, e2elMs: null },
    seed: 0,
    definitionHash: options.definitionHash ?? 'def1',
    workloads: [
      {
        name: 'random-1024x128',
        kind: 'random',
        endpoint: 'completions',
        dataset: null,
        inputTokens: 1024,
        outputTokens: 128,
        prompts: 256,
      },
    ],
    points: [point(1, tokensPerSec / 10), point(8, tokensPerSec)],
  };
}
