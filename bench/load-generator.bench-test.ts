import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Bench } from 'tinybench';
import { expect, test } from 'vitest';
import { gammaGaps } from '../src/bench/arrivals.ts';
import { summarizeRepeat } from '../src/bench/measure.ts';
import { runLoad, type WorkloadRequest } from '../src/bench/run-load.ts';
import type { RequestSample } from '../src/bench/stream-request.ts';
import { parsePrometheusText } from '../src/node/metrics/prometheus.ts';
import { readVllmSnapshot } from '../src/node/metrics/vllm-series.ts';
import { STREAM_INTERVAL } from '../src/node/settings.ts';
import { repoRoot } from '../test/helpers/processes.ts';
import { BENCH_MODEL, BENCH_SLOTS, launchBenchSimulator } from './gsm8k-workload.ts';

// Benchmark: is the serving benchmark's load generator ever the bottleneck? Against the simulated vLLM with the
// balanced preset's 64 slots and the default step times, the measured output throughput is compared with what the
// timing model implies (src/simulator/README.md), next to the generator thread's event-loop utilisation and CPU per
// request. Then tinybench micro-benchmarks of the per-run bookkeeping (summaries, /metrics parsing, arrival gaps).
// Writes results/bench/load-generator.json; numbers go in bench/NOTES.md. All of it SIMULATED.

const SLOTS = BENCH_SLOTS;
const OUTPUT = 128;
const INPUT = 128;
const STEP_MS = 4;
const PER_SEQ_MS = 0.05;

test('the load generator keeps a 64-slot simulated server at its modelled throughput', async () => {
  const { baseUrl, server } = await launchBenchSimulator(
    null,
    { VLLM_SIM_STEP_MS: String(STEP_MS), VLLM_SIM_STEP_PER_SEQ_MS: String(PER_SEQ_MS) },
    ['--disable-uvicorn-access-log'],
  );
  const request = (i: number): WorkloadRequest => ({
    path: '/v1/completions',
    body: JSON.stringify({
      model: BENCH_MODEL,
      prompt: Array.from({ length: INPUT }, (_, k) => 1000 + ((i * 131 + k * 17) % 29000)),
      max_tokens: OUTPUT,
      ignore_eos: true,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0,
    }),
  });
  const points: Record<string, unknown>[] = [];
  let last: RequestSample[] = [];
  try {
    for (const concurrency of [1, SLOTS, 2 * SLOTS]) {
      for (let repeat = 0; repeat < 2; repeat++) {
        const count = Math.max(16, 4 * concurrency);
        const cpu = process.cpuUsage();
        const result = await runLoad({
          upstreams: [baseUrl],
          apiKey: null,
          load: { kind: 'concurrency', concurrency },
          warmups: Array.from({ length: Math.min(concurrency, 16) }, (_, i) => request(10_000 + i)),
          requests: Array.from({ length: count }, (_, i) => request(repeat * count + i)),
          timeoutMs: 120_000,
          seed: repeat,
        });
        const used = process.cpuUsage(cpu);
        const summary = summarizeRepeat(result.samples, {
          durationMs: result.durationMs,
          outputTokens: OUTPUT,
          slo: { ttftMs: null, tpotMs: null, e2elMs: null },
          peakConcurrency: result.peakConcurrency,
          eventLoopUtilization: result.eventLoopUtilization,
          sendLagMs: result.sendLagMs,
        });
        const running = Math.min(concurrency, SLOTS);
        const modelled = (running * 1000) / (STEP_MS + PER_SEQ_MS * running);
        points.push({
          concurrency,
          repeat,
          requests: count,
          outputTokPerSec: summary.outputThroughput,
          modelUpperBoundTokPerSec: modelled,
          ratio: summary.outputThroughput / modelled,
          tpotMedianMs: summary.tpotMs?.median,
          clientEventLoopUtilization: summary.client.eventLoopUtilization,
          clientCpuMsPerRequest: (used.user + used.system) / 1000 / (count + Math.min(concurrency, 16)),
          sendLagP99Ms: summary.client.sendLagMs?.p99 ?? null,
          failed: summary.failed + summary.incomplete,
        });
        last = result.samples;
      }
    }
  } finally {
    await server.stop();
  }

  const metricsText = await simulatorMetricsText();
  const bench = new Bench({ time: 300 });
  bench
    .add('summarizeRepeat (512 requests)', () => {
      summarizeRepeat(last, {
        durationMs: 1000,
        outputTokens: OUTPUT,
        slo: { ttftMs: 100, tpotMs: 10, e2elMs: null },
        peakConcurrency: 1,
        eventLoopUtilization: 0,
        sendLagMs: [],
      });
    })
    .add('parse one /metrics scrape (simulator)', () => {
      readVllmSnapshot(parsePrometheusText(metricsText));
    })
    .add('gammaGaps (1000 arrivals)', () => {
      gammaGaps(1000, 10, 0.5, 1);
    });
  await bench.run();
  const micro = bench.tasks.map((t) => ({ name: t.name, meanMs: t.result.state === 'completed' ? t.result.latency.mean : null }));

  const out = { simulated: { stepMs: STEP_MS, perSeqMs: PER_SEQ_MS, slots: SLOTS, streamInterval: STREAM_INTERVAL }, points, micro };
  mkdirSync(resolve(repoRoot, 'results/bench'), { recursive: true });
  writeFileSync(resolve(repoRoot, 'results/bench/load-generator.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify(out, null, 2));
  expect(points.every((p) => p.failed === 0)).toBe(true);
});

// A /metrics body of the simulator after some traffic, for the parsing micro-benchmark.
async function simulatorMetricsText(): Promise<string> {
  const modulePath: string = resolve(repoRoot, 'src/simulator/lib/metrics.mjs');
  const { EngineMetrics } = (await import(modulePath)) as {
    EngineMetrics: new (o: object) => { render(state: object): string };
  };
  const metrics = new EngineMetrics({
    modelName: BENCH_MODEL,
    maxModelLen: 32768,
    cacheConfig: { block_size: 16, num_gpu_blocks: 20000, enable_prefix_caching: 'True' },
  });
  return metrics.render({ running: 64, waiting: 3, kvUsage: 0.2 });
}
