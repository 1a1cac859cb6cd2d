import type { RunSummary } from '../../shared/records/run-summary.ts';
import type { ServerMetrics } from '../../shared/records/server-metrics.ts';
import { compareRuns } from '../history/store.ts';
import { capped, code, formatNumber, omittedLine, table } from './markdown.ts';

// The tracker's "Server metrics" section: per run, what the servers' own /metrics and nvidia-smi said while it ran.

/** Runs listed at most (newest first). */
export const MAX_SERVER_METRICS_ROWS = 20;

/** One run's server metrics. */
export interface ServerMetricsRow {
  runId: string;
  modelKey: string;
  preset: string;
  simulation: string | null;
  kind: 'benchmark' | 'eval';
  metrics: ServerMetrics;
}

// Runs with server metrics, newest first.
export function buildServerMetricsRows(runs: readonly RunSummary[]): ServerMetricsRow[] {
  return [...runs]
    .sort(compareRuns)
    .reverse()
    .filter((run) => run.serverMetrics !== null)
    .map((run) => ({
      runId: run.runId,
      modelKey: run.model.key,
      preset: run.preset,
      simulation: run.simulation,
      kind: run.benchmarks ? 'benchmark' : 'eval',
      metrics: run.serverMetrics!,
    }));
}

/** The section's markdown lines. */
export function renderServerMetrics(rows: readonly ServerMetricsRow[]): string[] {
  const lines = ['## Server metrics', ''];
  if (rows.length === 0) return [...lines, '_No run has server metrics yet._'];
  lines.push(
    "Sampled from every replica's `/metrics` (vLLM v0.21 names) and `nvidia-smi` while the run ran. Generated tok/s = Δ `vllm:generation_tokens_total` over the time " +
      'the server was busy; mean running = `vllm:num_requests_running` averaged over those samples, against the preset’s slots; ' +
      'peak KV = highest `vllm:kv_cache_usage_perc`; hit rate = Δ prefix-cache hits / Δ queries (tokens). GPU figures are never estimated.',
    '',
  );
  const { shown, omitted } = capped(rows, MAX_SERVER_METRICS_ROWS);
  lines.push(
    ...table(
      [
        'Run',
        'Model · preset',
        'Generated tok/s',
        'Mean running / slots',
        'Peak KV',
        'Prefix-cache hit rate',
        'Preemptions',
        'GPU utilisation',
        'GPU memory',
      ],
      shown.map(row),
    ),
  );
  if (omitted > 0) lines.push('', omittedLine(omitted, 'runs'));
  return lines;
}

function row(r: ServerMetricsRow): string[] {
  const m = r.metrics;
  const t = m.total;
  const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v * 100)}%`);
  const sim = r.simulation !== null ? ` **SIMULATED (${r.simulation})**` : '';
  const gpuUtil = m.gpu.available
    ? m.gpu.gpus
        .map((g) => `GPU${g.index} ${formatNumber(g.meanUtilizationPct, 0)}% (peak ${formatNumber(g.peakUtilizationPct, 0)}%)`)
        .join(', ')
    : 'unavailable';
  const gpuMem = m.gpu.available
    ? m.gpu.gpus
        .map(
          (g) =>
            `GPU${g.index} ${formatNumber(g.peakMemoryUsedMiB, 0)}${g.memoryTotalMiB === null ? '' : ` of ${formatNumber(g.memoryTotalMiB, 0)}`} MiB`,
        )
        .join(', ')
    : `unavailable (${m.gpu.reason})`;
  return [
    `${code(r.runId)} (${r.kind})${sim}`,
    `${r.modelKey} · ${r.preset}`,
    formatNumber(t.generationTokensPerSec),
    `${formatNumber(t.meanRunning)} / ${m.slotsPerReplica * m.replicas.length}`,
    pct(t.peakKvCacheUsage),
    t.prefixCacheHitRate === null ? 'no lookups' : pct(t.prefixCacheHitRate),
    formatNumber(t.preemptions, 0),
    gpuUtil,
    gpuMem,
  ];
}
