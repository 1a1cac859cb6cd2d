import type { BenchPoint } from '../../shared/records/benchmark.ts';
import { describeLoadOf } from '../../shared/records/describe-load.ts';
import type { RunSummary } from '../../shared/viewer/types.ts';
import { formatMs, h } from './dom.ts';

// The server side of a run: the metrics sampled from vLLM's /metrics and nvidia-smi, and the serving benchmark's points.

/** Render the server metrics of a run; null when none were sampled. */
export function renderServerMetrics(run: RunSummary): HTMLElement | null {
  const metrics = run.serverMetrics;
  if (!metrics) return null;
  const number = (value: number | null, digits = 1, suffix = '') => (value === null ? '–' : `${value.toFixed(digits)}${suffix}`);
  const share = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
  const slots = metrics.slotsPerReplica * metrics.replicas.length;
  const gpu = metrics.gpu.available
    ? metrics.gpu.gpus.map((g) => `${g.name}: ${g.meanUtilizationPct.toFixed(0)}% mean, peak ${g.peakMemoryUsedMiB} MiB`).join('; ')
    : `unavailable (${metrics.gpu.reason})`;
  const facts: Array<[string, string]> = [
    ['Generation tokens/s', number(metrics.total.generationTokensPerSec)],
    ['Mean running', `${number(metrics.total.meanRunning)} of ${slots} slots`],
    ['Peak KV cache usage', share(metrics.total.peakKvCacheUsage)],
    ['Prefix cache hit rate', share(metrics.total.prefixCacheHitRate)],
    ['Preemptions', number(metrics.total.preemptions, 0)],
    ['GPU', gpu],
  ];
  return h(
    'section',
    { 'aria-label': 'Server metrics' },
    h('h2', {}, 'Server metrics', run.simulation === null ? '' : ' (simulated server)'),
    h('dl', { class: 'facts-grid' }, ...facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
  );
}

/** Render the serving benchmark of a run, one row per load point (means over its repeats); null when it was none. */
export function renderBenchmarks(run: RunSummary): HTMLElement | null {
  const bench = run.benchmarks;
  if (!bench) return null;
  const headers = ['Workload', 'Load', 'Repeats', 'Requests/s', 'Output tok/s', 'TTFT median', 'TPOT median', 'ITL median', 'Failed'];
  return h(
    'section',
    { 'aria-label': 'Serving benchmark' },
    h('h2', {}, 'Serving benchmark', bench.simulatedTiming ? ' (simulated timing model: not a model measurement)' : ''),
    h(
      'table',
      { class: 'bench-table' },
      h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...bench.points.map(renderPoint)),
    ),
  );
}

function renderPoint(point: BenchPoint): HTMLElement {
  const mean = (pick: (r: BenchPoint['repeats'][number]) => number | null | undefined) => {
    const values = point.repeats.map(pick).filter((v): v is number => typeof v === 'number');
    return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
  };
  const rate = (value: number | null) => (value === null ? '–' : value.toFixed(1));
  return h(
    'tr',
    {},
    h('td', {}, point.workload),
    h('td', {}, describeLoadOf(point.load)),
    h('td', { class: 'num' }, point.repeats.length),
    h('td', { class: 'num' }, rate(mean((r) => r.requestThroughput))),
    h('td', { class: 'num' }, rate(mean((r) => r.outputThroughput))),
    h('td', { class: 'num' }, formatMs(mean((r) => r.ttftMs?.median))),
    h('td', { class: 'num' }, formatMs(mean((r) => r.tpotMs?.median))),
    h('td', { class: 'num' }, formatMs(mean((r) => r.itlMs?.median))),
    h(
      'td',
      { class: 'num' },
      point.repeats.reduce((sum, r) => sum + r.failed, 0),
    ),
  );
}
