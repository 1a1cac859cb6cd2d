import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { latenciesMeetSlo } from '../../src/bench/measure.ts';
import { type BenchPoint, BenchRequestDetailSchema, type SimulatedTiming } from '../../src/shared/records/benchmark.ts';
import { repoRoot } from '../helpers/processes.ts';
import { evalEnv, readRunRecords, startVitest } from '../helpers/run-vitest.ts';

// Issue 12 acceptance, checked from outside: the serving benchmark on a simulated server with known step times
// agrees with the timing model (src/simulator/README.md, "Timing model") within 10%, and goodput moves with the SLOs.
// One nested run: 2 slots, step 40 ms + 2 ms per running sequence, prefill 0.3 ms per prompt token, 512-token prompts,
// 6 output tokens, stream interval 1; concurrency 1 (the engine idle at each arrival: TTFT, TPOT, ITL, E2EL, throughput)
// and 4 (twice the slots, saturated: throughput, ITL, and TPOT within the model's two steady states).
// Client-side times also hold the HTTP round trip and the machine's scheduling delays, which the model leaves out:
// the step and prefill times are chosen large against them.

const SLOTS = 2;
const INPUT = 512;
const OUTPUT = 6;
const TOLERANCE = 0.1;

function writeConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-bench-'));
  const file = join(dir, 'vitest.config.ts');
  const config = {
    models: { qwen3_8b: { id: 'Qwen/Qwen2.5-7B-Instruct' } },
    presets: { tiny: { gpuMemoryUtilization: 0.9, maxNumSeqs: SLOTS, prefixCaching: false, extraArgs: ['--stream-interval', '1'] } },
    defaultPreset: 'tiny',
    benchmark: {
      workloads: [{ kind: 'random', inputTokens: INPUT, outputTokens: OUTPUT, prompts: 16 }],
      concurrency: [1, 2 * SLOTS],
      rates: [{ requestRate: 4 }],
      repeats: 2,
      requestsPerClient: 2,
      minRequests: 3,
      rateDurationS: 0.5,
      slo: { ttftMs: 500 },
    },
  };
  writeFileSync(
    file,
    `import { defineEvalConfig, withEvals } from ${JSON.stringify(join(repoRoot, 'src/config.ts'))};\nexport default withEvals(defineEvalConfig(${JSON.stringify(config)}));\n`,
  );
  return file;
}

const within = (measured: number, expected: number) =>
  expect(Math.abs(measured - expected) / expected, `${measured} vs ${expected}`).toBeLessThan(TOLERANCE);
const median = (point: BenchPoint, pick: (r: BenchPoint['repeats'][number]) => number | undefined) => {
  const values = point.repeats
    .map(pick)
    .filter((v): v is number => v !== undefined)
    .sort((a, b) => a - b);
  return values.length % 2 ? values[(values.length - 1) / 2]! : (values[values.length / 2 - 1]! + values[values.length / 2]!) / 2;
};

test('the benchmark on the simulated vLLM agrees with its timing model, records and tracks everything, labelled simulated', async () => {
  const env = evalEnv({
    EVAL_SIMULATE: 'gold',
    EVAL_METRICS_INTERVAL_MS: '250',
    VLLM_SIM_STEP_MS: '40',
    VLLM_SIM_STEP_PER_SEQ_MS: '2',
    VLLM_SIM_PREFILL_PER_TOKEN_MS: '0.3',
  });
  const result = await startVitest(['--config', writeConfig(), '--project', 'qwen3_8b', 'throughput'], env);
  expect(result.exitCode, result.all).toBe(0);
  const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
  const bench = record!.benchmarks!;
  const timing = bench.simulatedTiming as SimulatedTiming;
  expect(timing).toEqual({ stepMs: 40, perSeqMs: 2, prefillPerTokenMs: 0.3, maxNumSeqs: SLOTS, streamInterval: 1 });
  const step = (running: number) => timing.stepMs + timing.perSeqMs * running;
  const prefill = timing.prefillPerTokenMs * INPUT;
  const [one, saturated, rate] = bench.points;

  // Concurrency 1: each request finds the engine idle, so its first step starts at once and carries its prefill.
  const ttft1 = step(1) + prefill;
  const e2el1 = ttft1 + (OUTPUT - 1) * step(1);
  within(
    median(one!, (r) => r.ttftMs?.median),
    ttft1,
  );
  within(
    median(one!, (r) => r.tpotMs?.median),
    step(1),
  );
  within(
    median(one!, (r) => r.itlMs?.median),
    timing.streamInterval * step(1),
  );
  within(
    median(one!, (r) => r.e2elMs?.median),
    e2el1,
  );
  within(
    median(one!, (r) => r.outputThroughput),
    (OUTPUT * 1000) / e2el1,
  );

  // Twice the slots: the batch is always full. Output throughput does not depend on how admissions line up (every N
  // steps of a slot carry one prefill), nor does the median ITL (most steps admit nobody); TPOT does: dS when the
  // batch's sequences were admitted together, dS + p·L·(S-1)/(N-1) once admissions are staggered, as arrivals decide.
  const cohortMs = OUTPUT * step(SLOTS) + SLOTS * prefill;
  within(
    median(saturated!, (r) => r.outputThroughput),
    (SLOTS * OUTPUT * 1000) / cohortMs,
  );
  within(
    median(saturated!, (r) => r.itlMs?.median),
    timing.streamInterval * step(SLOTS),
  );
  const tpot = median(saturated!, (r) => r.tpotMs?.median);
  expect(tpot).toBeGreaterThan(step(SLOTS) * (1 - TOLERANCE));
  expect(tpot).toBeLessThan((step(SLOTS) + (prefill * (SLOTS - 1)) / (OUTPUT - 1)) * (1 + TOLERANCE));
  expect(saturated!.repeats.every((r) => r.peakConcurrency === 2 * SLOTS)).toBe(true);
  expect(rate!.load).toMatchObject({ kind: 'rate', requestRate: 4, burstiness: 1 });

  // Goodput from the per-request details: the recorded one for TTFT <= 500 ms, and it moves as the SLO moves.
  const details = readFileSync(join(env.EVAL_RESULTS_DIR!, 'benchmarks', `${record!.runId}.requests.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => BenchRequestDetailSchema.parse(JSON.parse(line)));
  const goodput = (ttftMs: number, repeat: number) => {
    const good = details.filter(
      (d) =>
        d.load === `concurrency ${2 * SLOTS}` &&
        d.repeat === repeat &&
        d.outcome === 'completed' &&
        latenciesMeetSlo(d, { ttftMs, tpotMs: null, e2elMs: null }),
    ).length;
    return (good * 1000) / saturated!.repeats[repeat]!.durationMs;
  };
  expect(goodput(500, 0)).toBeCloseTo(saturated!.repeats[0]!.goodput!, 6);
  expect(goodput(500, 0)).toBeGreaterThan(0);
  expect(goodput(2000, 0)).toBeGreaterThan(goodput(500, 0));
  expect(goodput(50, 0)).toBe(0);

  // Server metrics: the generation counter saw every token the benchmark asked for, warm-ups included.
  const metrics = record!.serverMetrics!;
  const asked = bench.points.reduce((n, p) => n + p.repeats.length * (p.requests + p.warmups) * OUTPUT, 0);
  expect(metrics.replicas[0]!.generationTokens).toBe(asked);
  expect(metrics.total.meanRunning).toBeGreaterThan(0);
  expect(metrics.total.meanRunning).toBeLessThanOrEqual(SLOTS);
  expect(metrics.gpu.available).toBe(false);

  const tracker = readFileSync(join(env.EVAL_RESULTS_DIR!, 'TRACKER-full.md'), 'utf8');
  expect(tracker).toContain('## Throughput benchmarks');
  expect(tracker).toContain('### qwen3_8b · tiny — SIMULATED (gold)');
  expect(tracker).toContain('step 40 ms + 2 ms x running, prefill 0.3 ms/token');
  expect(tracker).toMatch(/```mermaid\nxychart-beta\n/);
  expect(tracker).toContain('## Server metrics');
  expect(tracker).toContain('## Preset recommendation');
  expect(result.all).toMatch(/throughput SIMULATED random-512x6 concurrency 4 \(point \d of 3\): /);
});
