import type { GpuReport, GpuUsage, ReplicaMetrics, ServerMetrics } from '../../shared/records/server-metrics.ts';
import type { GpuReading } from './gpu.ts';
import type { VllmSnapshot } from './vllm-series.ts';

// Turn the samples of a run into its run record summary (pure): rates over each replica's active window, gauges
// over the samples inside it, counters as differences, GPU figures per GPU.

/** One sampling moment: every replica's scrape (null when it failed) and the GPUs. */
export interface MetricsSample {
  /** Epoch milliseconds. */
  t: number;
  replicas: Array<VllmSnapshot | null>;
  gpus: GpuReading | null;
}

/** What the summary needs besides the samples. */
export interface SummaryContext {
  urls: readonly string[];
  intervalMs: number;
  slotsPerReplica: number;
}

// Summarise samples in time order (the first one taken before the run's work, the last one after it).
export function summarizeServerMetrics(samples: readonly MetricsSample[], context: SummaryContext): ServerMetrics | null {
  if (samples.length === 0) return null;
  const replicas = context.urls.map((url, index) => summarizeReplica(url, samples, index));
  const rates = replicas.map((r) => r.generationTokensPerSec);
  const queries = sumOrNull(replicas.map((r) => hitTokens(r)?.queries ?? null));
  const hits = sumOrNull(replicas.map((r) => hitTokens(r)?.hits ?? null));
  return {
    intervalMs: context.intervalMs,
    startedAt: new Date(samples[0]!.t).toISOString(),
    finishedAt: new Date(samples.at(-1)!.t).toISOString(),
    slotsPerReplica: context.slotsPerReplica,
    replicas: replicas.map(({ hitTokens: _hits, ...rest }) => rest),
    total: {
      generationTokensPerSec: sumOrNull(rates),
      meanRunning: sumOrNull(replicas.map((r) => r.meanRunning)),
      peakKvCacheUsage: maxOrNull(replicas.map((r) => r.peakKvCacheUsage)),
      prefixCacheHitRate: queries !== null && hits !== null && queries > 0 ? hits / queries : null,
      preemptions: sumOrNull(replicas.map((r) => r.preemptions)),
    },
    gpu: summarizeGpus(samples),
  };
}

type ReplicaSummary = ReplicaMetrics & { hitTokens: { queries: number; hits: number } | null };

function hitTokens(r: ReplicaSummary) {
  return r.hitTokens;
}

function summarizeReplica(url: string, samples: readonly MetricsSample[], index: number): ReplicaSummary {
  const points = samples.flatMap((s) => {
    const snapshot = s.replicas[index];
    return snapshot ? [{ t: s.t, s: snapshot }] : [];
  });
  const empty: ReplicaSummary = {
    url,
    samples: points.length,
    scrapeErrors: samples.length - points.length,
    activeMs: 0,
    generationTokensPerSec: null,
    promptTokensPerSec: null,
    meanRunning: null,
    maxRunning: null,
    meanWaiting: null,
    maxWaiting: null,
    peakKvCacheUsage: null,
    meanKvCacheUsage: null,
    prefixCacheHitRate: null,
    preemptions: null,
    generationTokens: null,
    kvCacheTokens: null,
    missing: points[0]?.s.missing ?? [],
    hitTokens: null,
  };
  if (points.length === 0) return empty;
  const kvCacheTokens = points.at(-1)!.s.kvCacheTokens;
  const window = activeWindow(points.map((p) => p.s));
  if (window === null) return { ...empty, kvCacheTokens, generationTokens: delta(points, 0, points.length - 1, 'generationTokens') };
  const [from, to] = window;
  const seconds = (points[to]!.t - points[from]!.t) / 1000;
  const inside = points.slice(from + 1, to + 1).map((p) => p.s);
  const gauge = (key: 'running' | 'waiting' | 'kvCacheUsage') => inside.map((s) => s[key]).filter((v): v is number => v !== null);
  const generated = delta(points, from, to, 'generationTokens');
  const prompt = delta(points, from, to, 'promptTokens');
  const queries = delta(points, from, to, 'prefixCacheQueries');
  const hits = delta(points, from, to, 'prefixCacheHits');
  return {
    ...empty,
    activeMs: seconds * 1000,
    generationTokensPerSec: generated !== null && seconds > 0 ? generated / seconds : null,
    promptTokensPerSec: prompt !== null && seconds > 0 ? prompt / seconds : null,
    meanRunning: mean(gauge('running')),
    maxRunning: maxOrNull(gauge('running')),
    meanWaiting: mean(gauge('waiting')),
    maxWaiting: maxOrNull(gauge('waiting')),
    peakKvCacheUsage: maxOrNull(gauge('kvCacheUsage')),
    meanKvCacheUsage: mean(gauge('kvCacheUsage')),
    prefixCacheHitRate: queries !== null && hits !== null && queries > 0 ? hits / queries : null,
    preemptions: delta(points, from, to, 'preemptions'),
    generationTokens: generated,
    kvCacheTokens,
    hitTokens: queries !== null && hits !== null ? { queries, hits } : null,
  };
}

// [last sample before work showed, first sample after it ended]; null when the replica never worked.
// Work shows as a request running or waiting, or a token counter that moved since the previous sample.
export function activeWindow(snapshots: readonly VllmSnapshot[]): [number, number] | null {
  const busy = (i: number) => {
    const s = snapshots[i]!;
    if ((s.running ?? 0) > 0 || (s.waiting ?? 0) > 0) return true;
    const p = snapshots[i - 1];
    if (!p) return false;
    return moved(p.generationTokens, s.generationTokens) || moved(p.promptTokens, s.promptTokens);
  };
  let first = -1;
  let last = -1;
  for (let i = 0; i < snapshots.length; i++) {
    if (!busy(i)) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) return null;
  const s = snapshots[last]!;
  const stillBusy = (s.running ?? 0) > 0 || (s.waiting ?? 0) > 0;
  const end = stillBusy ? Math.min(last + 1, snapshots.length - 1) : last;
  const start = Math.max(first - 1, 0);
  return end > start ? [start, end] : null;
}

function moved(a: number | null, b: number | null): boolean {
  return a !== null && b !== null && b > a;
}

type CounterKey = 'generationTokens' | 'promptTokens' | 'prefixCacheQueries' | 'prefixCacheHits' | 'preemptions';

function delta(points: ReadonlyArray<{ s: VllmSnapshot }>, from: number, to: number, key: CounterKey): number | null {
  const a = points[from]!.s[key];
  const b = points[to]!.s[key];
  // A counter that went down means the server restarted in between: its difference says nothing.
  return a === null || b === null || b < a ? null : b - a;
}

function summarizeGpus(samples: readonly MetricsSample[]): GpuReport {
  const readings = samples.map((s) => s.gpus).filter((g): g is GpuReading => g !== null);
  const ok = readings.filter((r): r is Extract<GpuReading, { ok: true }> => r.ok);
  if (ok.length === 0) {
    const failed = readings.find((r): r is Extract<GpuReading, { ok: false }> => !r.ok);
    return { available: false, reason: failed?.reason ?? 'not sampled' };
  }
  const byIndex = new Map<number, GpuUsage & { sum: number; counted: number }>();
  for (const reading of ok) {
    for (const gpu of reading.gpus) {
      const entry = byIndex.get(gpu.index) ?? {
        index: gpu.index,
        name: gpu.name,
        samples: 0,
        meanUtilizationPct: 0,
        peakUtilizationPct: 0,
        peakMemoryUsedMiB: 0,
        memoryTotalMiB: gpu.memoryTotalMiB,
        sum: 0,
        counted: 0,
      };
      entry.samples += 1;
      if (gpu.utilizationPct !== null) {
        entry.sum += gpu.utilizationPct;
        entry.counted += 1;
        entry.peakUtilizationPct = Math.max(entry.peakUtilizationPct, gpu.utilizationPct);
      }
      if (gpu.memoryUsedMiB !== null) entry.peakMemoryUsedMiB = Math.max(entry.peakMemoryUsedMiB, gpu.memoryUsedMiB);
      byIndex.set(gpu.index, entry);
    }
  }
  const gpus = [...byIndex.values()]
    .sort((a, b) => a.index - b.index)
    .map(({ sum, counted, ...gpu }) => ({ ...gpu, meanUtilizationPct: counted > 0 ? sum / counted : 0 }));
  return { available: true, gpus };
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function maxOrNull(values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

function sumOrNull(values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) : null;
}
