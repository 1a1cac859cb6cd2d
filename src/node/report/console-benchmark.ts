import type { BenchmarkHeader, BenchPoint, SimulatedTiming } from '../../shared/records/benchmark.ts';
import type { RunRecord } from '../../shared/records/run-record.ts';
import type { ServerMetrics } from '../../shared/records/server-metrics.ts';
import { spreadOf } from '../../shared/stats/spread.ts';
import { describeLoadOf } from '../../shared/records/describe-load.ts';

// Console lines of the serving benchmark (one per measured point, as it ends) and of the server metrics.

const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** `stepMs 4 + 0.05 x running, prefill 0 ms/token, 64 slots, stream interval 16`: the simulated parameters. */
export function describeSimulatedTiming(timing: SimulatedTiming): string {
  return `step ${timing.stepMs} ms + ${timing.perSeqMs} ms x running, prefill ${timing.prefillPerTokenMs} ms/token, ${timing.maxNumSeqs} slots, stream interval ${timing.streamInterval}`;
}

// `[qwen-evals] qwen3_8b throughput random-1024x128 concurrency 8 (point 4 of 18): 1,234.5 output tok/s (median of 3, 1,200.0-1,250.0), ...`
export function renderBenchmarkPointLine(
  project: string,
  point: BenchPoint,
  header: BenchmarkHeader | null,
  progress: { done: number; total: number } | null = null,
): string {
  const tput = spreadOf(point.repeats.map((r) => r.outputThroughput));
  const ttft = spreadOf(point.repeats.flatMap((r) => (r.ttftMs ? [r.ttftMs.median] : [])));
  const tpot = spreadOf(point.repeats.flatMap((r) => (r.tpotMs ? [r.tpotMs.median] : [])));
  const failed = point.repeats.reduce((n, r) => n + r.failed + r.incomplete, 0);
  const simulated = header?.simulatedTiming ? ' SIMULATED' : '';
  const range = tput && tput.n > 1 ? `, ${fmt(tput.min)}-${fmt(tput.max)}` : '';
  return (
    `[qwen-evals] ${project} throughput${simulated} ${point.workload} ${describeLoadOf(point.load)}` +
    // A benchmark takes minutes per point on a real server: the count of points done is its progress.
    `${progress ? ` (point ${progress.done} of ${progress.total})` : ''}: ` +
    `${tput ? fmt(tput.median) : '—'} output tok/s (median of ${point.repeats.length}${range}), ` +
    `TTFT median ${ttft ? fmt(ttft.median) : '—'} ms, TPOT median ${tpot ? fmt(tpot.median, 2) : '—'} ms` +
    (failed ? `, ${failed} failed or incomplete` : '')
  );
}

/** The run summary's lines about the benchmark and the server metrics (empty when the run had neither). */
export function renderPerformanceSummary(record: RunRecord): string[] {
  const lines: string[] = [];
  const bench = record.benchmarks;
  if (bench) {
    lines.push('', `  Serving benchmark: ${bench.points.length} load point(s), ${bench.points[0]?.repeats.length ?? 0} repeat(s) each`);
    if (bench.simulatedTiming) lines.push(`  SIMULATED timing (not a GPU): ${describeSimulatedTiming(bench.simulatedTiming)}`);
    for (const workload of bench.workloads) {
      const own = bench.points.filter((p) => p.workload === workload.name);
      const best = Math.max(0, ...own.map((p) => spreadOf(p.repeats.map((r) => r.outputThroughput))?.median ?? 0));
      lines.push(`  ${workload.name}: best ${fmt(best)} output tok/s over ${own.length} point(s)`);
    }
  }
  const metrics = record.serverMetrics;
  if (metrics) lines.push('', `  server metrics${record.simulation ? ' (simulated server)' : ''}: ${describeServerMetrics(metrics)}`);
  return lines;
}

/** One line of the server metrics: generated tok/s, running vs slots, KV peak, prefix hits, GPU. */
export function describeServerMetrics(m: ServerMetrics): string {
  const t = m.total;
  const slots = m.slotsPerReplica * m.replicas.length;
  const pct = (v: number | null) => (v === null ? 'n/a' : `${fmt(v * 100)}%`);
  const gpu = m.gpu.available
    ? m.gpu.gpus.map((g) => `GPU${g.index} ${fmt(g.meanUtilizationPct, 0)}% util, peak ${fmt(g.peakMemoryUsedMiB, 0)} MiB`).join('; ')
    : `GPU unavailable (${m.gpu.reason})`;
  return [
    `${t.generationTokensPerSec === null ? 'n/a' : fmt(t.generationTokensPerSec)} generated tok/s`,
    `mean running ${t.meanRunning === null ? 'n/a' : fmt(t.meanRunning)} of ${slots} slots`,
    `peak KV ${pct(t.peakKvCacheUsage)}`,
    `prefix-cache hits ${pct(t.prefixCacheHitRate)}`,
    gpu,
  ].join(', ');
}
