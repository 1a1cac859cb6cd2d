import { describe, expect, test } from 'vitest';
import type { ServerMetrics } from '../../../src/shared/records/server-metrics.ts';
import { buildServerMetricsRows, renderServerMetrics } from '../../../src/node/tracker/server-metrics.ts';
import { makeBenchmarks } from './benchmark-fixtures.ts';
import { makeRun } from './fixtures.ts';

function replica(url: string, generationTokensPerSec: number, meanRunning: number): ServerMetrics['replicas'][number] {
  return {
    url,
    samples: 10,
    scrapeErrors: 0,
    activeMs: 5000,
    generationTokensPerSec,
    promptTokensPerSec: 4 * generationTokensPerSec,
    meanRunning,
    maxRunning: meanRunning + 1,
    meanWaiting: 0,
    maxWaiting: 0,
    peakKvCacheUsage: 0.42,
    meanKvCacheUsage: 0.3,
    prefixCacheHitRate: 0.25,
    preemptions: 0,
    generationTokens: 5 * generationTokensPerSec,
    kvCacheTokens: 100_000,
    missing: [],
  };
}

function metrics(extra: Partial<ServerMetrics> = {}): ServerMetrics {
  return {
    intervalMs: 1000,
    startedAt: '2026-11-27T08:00:00.000Z',
    finishedAt: '2026-11-27T08:00:05.000Z',
    slotsPerReplica: 16,
    replicas: [replica('http://127.0.0.1:8001', 600, 5), replica('http://127.0.0.1:8002', 634, 6)],
    total: { generationTokensPerSec: 1234, meanRunning: 11, peakKvCacheUsage: 0.42, prefixCacheHitRate: 0.25, preemptions: 3 },
    gpu: { available: false, reason: 'no nvidia-smi on PATH' },
    ...extra,
  };
}

const render = (...runs: Parameters<typeof makeRun>[0][]) => renderServerMetrics(buildServerMetricsRows(runs.map(makeRun))).join('\n');

describe('server metrics section', () => {
  test('shows per run the generated tokens/s, mean running against every replica slot, peak KV and the hit rate', () => {
    const text = render({ serverMetrics: metrics() });
    expect(text).toMatch(/\| 1,234 \| 11 \/ 32 \| 42% \| 25% \| 3 \|/);
  });

  test('says GPU figures are unavailable, and why, when nvidia-smi was not there', () => {
    expect(render({ serverMetrics: metrics() })).toContain('| unavailable | unavailable (no nvidia-smi on PATH) |');
  });

  test('shows each GPU’s utilisation and peak memory when nvidia-smi answered', () => {
    const gpu: ServerMetrics['gpu'] = {
      available: true,
      gpus: [
        {
          index: 0,
          name: 'NVIDIA L4',
          samples: 5,
          meanUtilizationPct: 87,
          peakUtilizationPct: 99,
          peakMemoryUsedMiB: 20_100,
          memoryTotalMiB: 23_034,
        },
      ],
    };
    expect(render({ serverMetrics: metrics({ gpu }) })).toContain('| GPU0 87% (peak 99%) | GPU0 20,100 of 23,034 MiB |');
  });

  test('says "no lookups" when prefix caching was off', () => {
    const off = metrics();
    off.total.prefixCacheHitRate = null;
    expect(render({ serverMetrics: off })).toMatch(/\| 42% \| no lookups \|/);
  });

  test('marks benchmark and simulated runs, and leaves out runs without server metrics', () => {
    const rows = buildServerMetricsRows(
      [
        { serverMetrics: null },
        { serverMetrics: metrics(), simulation: 'gold' },
        { serverMetrics: metrics(), benchmarks: makeBenchmarks(1000), datasets: [] },
      ].map(makeRun),
    );
    expect(rows.map((r) => [r.kind, r.simulation])).toEqual(
      expect.arrayContaining([
        ['eval', 'gold'],
        ['benchmark', null],
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(renderServerMetrics(rows).join('\n')).toContain('(eval) **SIMULATED (gold)**');
  });

  test('says so when no run has server metrics', () => {
    expect(render({ serverMetrics: null })).toContain('_No run has server metrics yet._');
  });
});
