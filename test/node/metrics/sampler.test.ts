import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ServerMetricsSampler } from '../../../src/node/metrics/sampler.ts';
import type { ServerMetrics } from '../../../src/shared/records/server-metrics.ts';
import { killAll, type SimProcess, startServer } from '../../simulator/support/sim-process.ts';

// The sampler against the simulated vLLM's real /metrics endpoint (v0.21 names): one short burst of requests
// whose token counts are known, sampled every 25 ms. Numbers here are simulated.

const MODEL = 'Qwen/Qwen2.5-7B-Instruct';
const SLOTS = 4;
const REQUESTS = 6;
const OUTPUT = 8;

let sim: SimProcess;
let metrics: ServerMetrics | null;
beforeAll(async () => {
  sim = await startServer(['--max-num-seqs', String(SLOTS)], { VLLM_SIM_STEP_MS: '20' });
  const sampler = new ServerMetricsSampler({
    urls: [sim.baseUrl],
    intervalMs: 25,
    slotsPerReplica: SLOTS,
    gpuCommand: 'nvidia-smi-not-installed-here',
  });
  sampler.start();
  const body = JSON.stringify({ model: MODEL, prompt: 'the same prompt '.repeat(40), max_tokens: OUTPUT, ignore_eos: true });
  await Promise.all(
    Array.from({ length: REQUESTS }, async () => {
      const response = await fetch(`${sim.baseUrl}/v1/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(200);
      await response.json();
    }),
  );
  metrics = await sampler.summary(true);
  sampler.stop();
});
afterAll(killAll);

describe('ServerMetricsSampler on the simulated vLLM', () => {
  test('finds every series it reads under its v0.21 name', () => {
    expect(metrics!.replicas[0]!.missing).toEqual([]);
    expect(metrics!.replicas[0]!.scrapeErrors).toBe(0);
  });

  test('counts exactly the generated tokens the requests asked for', () => {
    expect(metrics!.replicas[0]!.generationTokens).toBe(REQUESTS * OUTPUT);
    expect(metrics!.total.generationTokensPerSec).toBeGreaterThan(0);
  });

  test('sees requests running, never more than the preset slots', () => {
    expect(metrics!.replicas[0]!.maxRunning).toBeGreaterThan(0);
    expect(metrics!.replicas[0]!.maxRunning).toBeLessThanOrEqual(SLOTS);
    expect(metrics!.total.peakKvCacheUsage).toBeGreaterThan(0);
  });

  test('repeated prompts show prefix-cache hits', () => {
    expect(metrics!.total.prefixCacheHitRate).toBeGreaterThan(0);
    expect(metrics!.total.prefixCacheHitRate).toBeLessThan(1);
  });

  test('without nvidia-smi the GPU figures are unavailable, with the reason', () => {
    expect(metrics!.gpu).toMatchObject({ available: false, reason: 'no nvidia-smi on PATH' });
  });
});
