import { filterRuns, listFacets, NO_RUN_FILTER, type RunFilter } from '../../shared/viewer/filter-runs.ts';
import { buildHistory } from '../../shared/viewer/history.ts';
import type { RunSummary, ViewerIndex } from '../../shared/viewer/types.ts';
import { renderHistoryChart } from './chart.ts';
import { formatScore, h } from './dom.ts';
import { hrefOf, navigate } from './navigation.ts';

// The runs list: filters, the history chart of each dataset over the runs shown, and a table to open or compare runs.

/** Most charts drawn at once; narrow the dataset filter to see others. */
const MAX_CHARTS = 8;

// Filters and compare picks survive going to a run and back.
let filter: RunFilter = { ...NO_RUN_FILTER };
const picked = new Set<string>();

/** Render the runs list. */
export function renderRunsView(index: ViewerIndex): HTMLElement {
  const facets = listFacets(index.runs);
  const charts = h('div', { class: 'charts' });
  const table = h('div', { class: 'table-wrap' });
  const compareButton = h(
    'button',
    { type: 'button', id: 'compare-picked', disabled: true, onclick: () => comparePicked(index) },
    'Compare 2 picked runs',
  );
  const refresh = () => {
    const runs = filterRuns(index.runs, filter);
    charts.replaceChildren(...renderCharts(runs));
    table.replaceChildren(renderRunsTable(runs, refreshPicks));
    refreshPicks();
  };
  const refreshPicks = () => {
    compareButton.disabled = picked.size !== 2;
    compareButton.textContent = picked.size === 2 ? 'Compare the 2 picked runs' : `Pick 2 runs to compare (${picked.size} picked)`;
  };
  const select = (name: keyof RunFilter, label: string, values: Array<[string, string]>) =>
    h(
      'label',
      {},
      `${label} `,
      h(
        'select',
        {
          name,
          onchange: (event) => {
            filter = { ...filter, [name]: (event.target as HTMLSelectElement).value };
            refresh();
          },
        },
        ...values.map(([value, text]) => h('option', { value, selected: filter[name] === value }, text)),
      ),
    );
  const date = (name: 'from' | 'to', label: string) =>
    h(
      'label',
      {},
      `${label} `,
      h('input', {
        type: 'date',
        name,
        value: filter[name],
        onchange: (event) => {
          filter = { ...filter, [name]: (event.target as HTMLInputElement).value };
          refresh();
        },
      }),
    );
  const any = (values: string[]): Array<[string, string]> => [['', 'any'], ...values.map((v): [string, string] => [v, v])];
  const filters = h(
    'form',
    { class: 'filters', 'aria-label': 'Run filters', onsubmit: (event) => event.preventDefault() },
    select('model', 'Model', any(facets.models)),
    select('preset', 'Preset', any(facets.presets)),
    select('dataset', 'Dataset', any(facets.datasets)),
    date('from', 'From'),
    date('to', 'To'),
    select('simulated', 'Answers', [
      ['', 'any'],
      ['real', 'real model'],
      ['simulated', 'simulated'],
    ]),
  );
  refresh();
  return h(
    'main',
    { id: 'runs-view' },
    h('h1', {}, 'Runs'),
    h('p', { class: 'muted' }, `${index.runs.length} runs in ${index.resultsDir}`),
    filters,
    h('section', { 'aria-label': 'Score history' }, h('h2', {}, 'Score history'), charts),
    h('section', { 'aria-label': 'Runs' }, h('h2', {}, 'Runs ', compareButton), table),
  );
}

function comparePicked(index: ViewerIndex): void {
  // Older run on the left: "fixed" and "broken" read from A to B.
  const [a, b] = index.runs.filter((run) => picked.has(run.runId)).reverse();
  if (a && b) navigate({ view: 'compare', runA: a.runId, runB: b.runId, dataset: '', flippedOnly: false, search: '', page: 0 });
}

function renderCharts(runs: RunSummary[]): HTMLElement[] {
  const datasets = [...new Set(runs.flatMap((run) => run.datasets.map((d) => d.key)))].sort();
  const charts = datasets.slice(0, MAX_CHARTS).map((key) => {
    const summary = runs.flatMap((run) => run.datasets).find((d) => d.key === key)!;
    return renderHistoryChart(`${key} · ${summary.primaryMetric}`, buildHistory(runs, key), summary.primaryRange);
  });
  if (datasets.length > MAX_CHARTS)
    charts.push(h('p', { class: 'muted' }, `${datasets.length - MAX_CHARTS} more datasets: pick one in the Dataset filter.`));
  if (charts.length === 0) charts.push(h('p', { class: 'muted' }, 'No run matches the filters.'));
  return charts;
}

function renderRunsTable(runs: RunSummary[], onPick: () => void): HTMLElement {
  return h(
    'table',
    { class: 'runs' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Pick', 'Started (UTC)', 'Run', 'Model', 'Preset', 'Answers', 'Status', 'Gates', 'Scores (95% interval)'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...runs.map((run) =>
        h(
          'tr',
          { 'data-run': run.runId },
          h(
            'td',
            {},
            h('input', {
              type: 'checkbox',
              'aria-label': `Pick ${run.runId} for comparison`,
              checked: picked.has(run.runId),
              onchange: (event) => {
                if ((event.target as HTMLInputElement).checked) picked.add(run.runId);
                else picked.delete(run.runId);
                onPick();
              },
            }),
          ),
          h('td', {}, run.startedAt.slice(0, 16).replace('T', ' ')),
          h(
            'td',
            {},
            h('a', { href: hrefOf({ view: 'run', runId: run.runId, dataset: '', verdict: 'all', search: '', page: 0 }) }, run.runId),
          ),
          h('td', {}, run.modelId),
          h('td', {}, run.preset),
          h('td', {}, run.simulation === null ? 'model' : h('span', { class: 'badge simulated' }, `simulated ${run.simulation}`)),
          h('td', {}, run.status),
          h(
            'td',
            {},
            run.gates.failed > 0 ? h('span', { class: 'badge bad' }, `${run.gates.failed} failed`) : `${run.gates.passed} passed`,
          ),
          h(
            'td',
            { class: 'scores' },
            ...run.datasets.map((d) => {
              const metric = d.metrics[d.primaryMetric];
              const ci = metric?.ci ? ` [${formatScore(metric.ci[0])}–${formatScore(metric.ci[1])}]` : '';
              return h('div', {}, h('span', { class: 'key' }, d.key), ` ${formatScore(metric?.value)}${ci} n=${metric?.n ?? 0}`);
            }),
          ),
        ),
      ),
    ),
  );
}
