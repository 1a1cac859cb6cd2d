import { describe, expect, test } from 'vitest';
import { activeWindow, type MetricsSample, summarizeServerMetrics } from '../../../src/node/metrics/summarize.ts';
import type { VllmSnapshot } from '../../../src/node/metrics/vllm-series.ts';

function snap(generationTokens: number, running: number, extra: Partial<VllmSnapshot> = {}): VllmSnapshot {
  return {
    running,
    waiting: 0,
    kvCacheUsage: running / 10,
    prefixCacheQueries: 0,
    prefixCacheHits: 0,
    preemptions: 0,
    promptTokens: generationTokens,
    generationTokens,
    kvCacheTokens: 1000,
    missing: [],
    ...extra,
  };
}

// One sample a second: idle, then 4 busy seconds producing 100 tokens/s, then idle again.
const samples: MetricsSample[] = [snap(0, 0), snap(0, 0), snap(100, 4), snap(200, 4), snap(300, 2), snap(400, 0), snap(400, 0)].map(
  (s, i) => ({
    t: i * 1000,
    replicas: [s],
    gpus: { ok: false, reason: 'no nvidia-smi on PATH' },
  }),
);
const context = { urls: ['http://127.0.0.1:1'], intervalMs: 1000, slotsPerReplica: 8 };

describe('summarizeServerMetrics', () => {
  test('generated tokens per second are counted over the busy window only', () => {
    expect(summarizeServerMetrics(samples, context)!.total.generationTokensPerSec).toBe(100);
  });

  test('the busy window runs from the last idle sample to the first sample after the work', () => {
    expect(activeWindow(samples.map((s) => s.replicas[0]!))).toEqual([1, 5]);
  });

  test('running and KV usage are read from the samples inside the window', () => {
    const replica = summarizeServerMetrics(samples, context)!.replicas[0]!;
    expect([replica.meanRunning, replica.maxRunning, replica.peakKvCacheUsage]).toEqual([2.5, 4, 0.4]);
  });

  test('the prefix-cache hit rate is null when nothing was looked up', () => {
    expect(summarizeServerMetrics(samples, context)!.total.prefixCacheHitRate).toBeNull();
  });

  test('a counter that went down (a restarted server) gives no difference rather than a negative one', () => {
    const restarted = [snap(1000, 0), snap(1000, 0), snap(1100, 4), snap(50, 1), snap(50, 0)].map((s, i) => ({
      t: i * 1000,
      replicas: [s],
      gpus: null,
    }));
    expect(summarizeServerMetrics(restarted, context)!.replicas[0]!.generationTokens).toBeNull();
  });

  test('GPU figures are unavailable with the reason when nvidia-smi never answered', () => {
    expect(summarizeServerMetrics(samples, context)!.gpu).toEqual({ available: false, reason: 'no nvidia-smi on PATH' });
  });

  test('GPU figures are kept per GPU: mean and peak utilisation, peak memory', () => {
    const withGpu = samples.map((s, i) => ({
      ...s,
      gpus: {
        ok: true as const,
        gpus: [{ index: 0, name: 'H100', utilizationPct: i * 10, memoryUsedMiB: 1000 + i, memoryTotalMiB: 81559 }],
      },
    }));
    const gpu = summarizeServerMetrics(withGpu, context)!.gpu;
    expect(gpu).toEqual({
      available: true,
      gpus: [
        {
          index: 0,
          name: 'H100',
          samples: 7,
          meanUtilizationPct: 30,
          peakUtilizationPct: 60,
          peakMemoryUsedMiB: 1006,
          memoryTotalMiB: 81559,
        },
      ],
    });
  });

  test('failed scrapes are counted, not summarised', () => {
    const broken = samples.map((s, i) => (i === 3 ? { ...s, replicas: [null] } : s));
    expect(summarizeServerMetrics(broken, context)!.replicas[0]!.scrapeErrors).toBe(1);
  });
});
