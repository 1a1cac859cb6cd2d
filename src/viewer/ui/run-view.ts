import type { Performance } from '../../shared/records/run-record.ts';
import type { ViewerBackend } from '../../shared/viewer/backend.ts';
import type { Route } from '../../shared/viewer/route.ts';
import type { RunSummary, ViewerIndex } from '../../shared/viewer/types.ts';
import { renderCasesSection } from './cases-section.ts';
import { formatMs, formatScore, h } from './dom.ts';
import { hrefOf } from './navigation.ts';
import { renderBenchmarks, renderServerMetrics } from './server-view.ts';

// One run: its facts, per-dataset scores with intervals, the throughput figures, and its cases.

/** Render a run's view; a run id the results lack shows a message. */
export function renderRunView(backend: ViewerBackend, index: ViewerIndex, route: Extract<Route, { view: 'run' }>): HTMLElement {
  const run = index.runs.find((r) => r.runId === route.runId);
  if (!run)
    return h(
      'main',
      {},
      h('h1', {}, 'Run not found'),
      h('p', {}, `No run ${route.runId} in ${index.resultsDir}. `, h('a', { href: '#/' }, 'Back to the runs')),
    );
  return h(
    'main',
    { id: 'run-view' },
    h('p', {}, h('a', { href: hrefOf({ view: 'runs' }) }, '← Runs')),
    h('h1', {}, run.runId),
    h(
      'p',
      { class: 'facts' },
      `${run.modelId} (${run.modelKey}) · preset ${run.preset} · ${run.status} · started ${run.startedAt} · gates ${run.gates.passed} passed, ${run.gates.failed} failed `,
      run.simulation === null ? null : h('span', { class: 'badge simulated' }, `SIMULATED (${run.simulation})`),
    ),
    renderScores(run),
    renderThroughput(run),
    renderServerMetrics(run),
    renderBenchmarks(run),
    run.hasCases
      ? renderCasesSection(backend, run, route)
      : h('section', {}, h('h2', {}, 'Cases'), h('p', { class: 'muted' }, `No case records for this run (cases/${run.runId}.jsonl).`)),
  );
}

function renderScores(run: RunSummary): HTMLElement {
  const rows = run.datasets.flatMap((d) =>
    Object.entries(d.metrics).map(([name, metric]) =>
      h(
        'tr',
        {},
        h('td', {}, d.key),
        h('td', {}, name === d.primaryMetric ? h('strong', {}, name) : name),
        h('td', { class: 'num' }, formatScore(metric.value)),
        h('td', { class: 'num' }, metric.ci ? `${formatScore(metric.ci[0])}–${formatScore(metric.ci[1])}` : '–'),
        h('td', { class: 'num' }, metric.n),
        h(
          'td',
          {},
          `${d.counts.correct} correct, ${d.counts.wrong} wrong, ${d.counts.unparseable} unparseable, ${d.counts.graded} graded, ${d.counts.error} errors`,
        ),
      ),
    ),
  );
  return h(
    'section',
    { 'aria-label': 'Scores' },
    h('h2', {}, 'Scores'),
    h(
      'table',
      { class: 'scores-table' },
      h('thead', {}, h('tr', {}, ...['Dataset', 'Metric', 'Score', '95% interval', 'n', 'Cases'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows),
    ),
  );
}

function renderThroughput(run: RunSummary): HTMLElement {
  const p: Performance = run.performance;
  const rate = (value: number | null, unit: string) => (value === null ? '–' : `${value.toFixed(1)} ${unit}`);
  const percentiles = (value: Performance['ttftMs']) =>
    value ? `p50 ${formatMs(value.p50)} · p90 ${formatMs(value.p90)} · p99 ${formatMs(value.p99)}` : '–';
  const facts: Array<[string, string]> = [
    ['Wall time', formatMs(p.wallMs)],
    ['Requests', `${p.requests} (${p.failedRequests} failed)`],
    ['Requests/s', rate(p.requestsPerSec, 'req/s')],
    ['Output tokens/s', rate(p.outputTokensPerSec, 'tok/s')],
    ['Prompt / completion tokens', `${p.promptTokens} / ${p.completionTokens}`],
    ['Time to first token', percentiles(p.ttftMs)],
    ['Latency', percentiles(p.latencyMs)],
    ['Mean in flight', p.meanInFlight === null ? '–' : `${p.meanInFlight.toFixed(1)} of ${p.inFlightLimit}`],
    ['Client CPU', formatMs(p.clientCpuMs)],
    ['Peak GPU memory', p.gpuMemoryMiB === null ? '–' : `${p.gpuMemoryMiB} MiB`],
  ];
  return h(
    'section',
    { 'aria-label': 'Throughput' },
    h('h2', {}, 'Throughput', run.simulation === null ? '' : ' (simulated server: not a model measurement)'),
    h('dl', { class: 'facts-grid' }, ...facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
  );
}
