import type { RunCase } from '../../shared/records/run-record.ts';
import type { ViewerBackend } from '../../shared/viewer/backend.ts';
import { FLIP_ORDER } from '../../shared/viewer/compare-runs.ts';
import { DEFAULT_PAGE_SIZE } from '../../shared/viewer/query-params.ts';
import type { Route } from '../../shared/viewer/route.ts';
import type { CasePair, ComparePage, RunSummary, ViewerIndex } from '../../shared/viewer/types.ts';
import { renderCaseDetail } from './case-detail.ts';
import { h } from './dom.ts';
import { debounce, hrefOf, replaceRoute } from './navigation.ts';
import { renderPager } from './pager.ts';

// Two runs side by side, cases paired by dataset and id, the flipped ones (fixed, broken) first.

type CompareRoute = Extract<Route, { view: 'compare' }>;

/** Render the comparison of run A (older, left) and run B. */
export function renderCompareView(backend: ViewerBackend, index: ViewerIndex, initial: CompareRoute): HTMLElement {
  const runA = index.runs.find((r) => r.runId === initial.runA);
  const runB = index.runs.find((r) => r.runId === initial.runB);
  if (!runA || !runB) {
    const missing = [initial.runA, initial.runB].filter((id) => !index.runs.some((r) => r.runId === id));
    return h(
      'main',
      {},
      h('h1', {}, 'Run not found'),
      h('p', {}, `No run ${missing.join(', ')} in ${index.resultsDir}. `, h('a', { href: '#/' }, 'Back to the runs')),
    );
  }
  let state = { ...initial };
  const status = h('p', { class: 'muted', role: 'status' });
  const counts = h('p', { class: 'flip-counts' });
  const tableHost = h('div', { class: 'table-wrap' });
  const pagerHost = h('div', {});
  const detail = h(
    'aside',
    { class: 'detail', 'aria-label': 'Both answers' },
    h('p', { class: 'muted' }, 'Focus a case (j / k, or click) to see both answers.'),
  );
  let shown = 0;
  const showPair = async (pair: CasePair) => {
    const mine = ++shown;
    const [a, b] = await Promise.all([
      pair.a ? backend.caseRecord(runA.runId, pair.dataset, pair.caseId) : null,
      pair.b ? backend.caseRecord(runB.runId, pair.dataset, pair.caseId) : null,
    ]);
    if (mine !== shown) return;
    const side = (label: string, record: typeof a) => [
      h('h3', { class: 'side' }, label),
      record ? renderCaseDetail(record) : h('p', { class: 'muted' }, 'No case record.'),
    ];
    detail.replaceChildren(...side('A', a), ...side('B', b));
  };
  const datasets = [...new Set([...runA.datasets, ...runB.datasets].map((d) => d.key))].sort();
  let request = 0;

  async function refresh(): Promise<void> {
    const mine = ++request;
    status.textContent = 'Loading…';
    const query = {
      ...(state.dataset ? { dataset: state.dataset } : {}),
      flippedOnly: state.flippedOnly,
      search: state.search,
      offset: state.page * DEFAULT_PAGE_SIZE,
      limit: DEFAULT_PAGE_SIZE,
    };
    let page: ComparePage;
    try {
      page = await backend.compare(runA!.runId, runB!.runId, query);
    } catch (error) {
      status.textContent = `Could not pair the runs: ${(error as Error).message}`;
      return;
    }
    if (mine !== request) return;
    counts.replaceChildren(...FLIP_ORDER.map((kind) => h('span', { class: `badge flip-${kind}` }, `${kind} ${page.counts[kind]}`)));
    status.textContent =
      page.total === 0 ? 'No pair matches.' : `Pairs ${page.offset + 1}–${page.offset + page.pairs.length} of ${page.total}`;
    tableHost.replaceChildren(renderPairs(page.pairs, runA!, runB!, (pair) => void showPair(pair)));
    pagerHost.replaceChildren(renderPager(state.page, page.total, DEFAULT_PAGE_SIZE, (pageIndex) => update({ page: pageIndex })));
  }

  function update(patch: Partial<CompareRoute>): void {
    state = { ...state, page: 0, ...patch };
    replaceRoute(state);
    void refresh();
  }

  void refresh();
  return h(
    'main',
    { id: 'compare-view' },
    h('p', {}, h('a', { href: hrefOf({ view: 'runs' }) }, '← Runs')),
    h('h1', {}, 'Two runs side by side'),
    h('p', {}, h('strong', {}, 'A '), describeRun(runA), h('br', {}), h('strong', {}, 'B '), describeRun(runB)),
    h(
      'div',
      { class: 'filters' },
      h(
        'label',
        {},
        'Dataset ',
        h(
          'select',
          { id: 'dataset-filter', onchange: (event) => update({ dataset: (event.target as HTMLSelectElement).value }) },
          h('option', { value: '' }, 'all datasets'),
          ...datasets.map((key) => h('option', { value: key, selected: key === state.dataset }, key)),
        ),
      ),
      h(
        'label',
        {},
        h('input', {
          type: 'checkbox',
          id: 'flipped-only',
          checked: state.flippedOnly,
          onchange: (event) => update({ flippedOnly: (event.target as HTMLInputElement).checked }),
        }),
        ' only flipped cases',
      ),
      h('input', {
        type: 'search',
        id: 'search',
        placeholder: 'Search id, answers (/)',
        'aria-label': 'Search pairs',
        value: state.search,
        oninput: debounce((event: Event) => update({ search: (event.target as HTMLInputElement).value })),
      }),
    ),
    counts,
    status,
    h('div', { class: 'split' }, h('div', {}, tableHost, pagerHost), detail),
  );
}

function describeRun(run: RunSummary): HTMLElement {
  return h(
    'span',
    {},
    h('a', { href: hrefOf({ view: 'run', runId: run.runId, dataset: '', verdict: 'all', search: '', page: 0 }) }, run.runId),
    ` · ${run.modelId} · ${run.preset} · ${run.startedAt}${run.simulation === null ? '' : ` · simulated ${run.simulation}`}`,
  );
}

function renderPairs(pairs: CasePair[], runA: RunSummary, runB: RunSummary, onFocus: (pair: CasePair) => void): HTMLElement {
  const side = (value: RunCase | null, primary: string | undefined) => {
    if (!value) return h('td', { class: 'muted' }, 'not in run');
    // Run records written before extracted answers were kept have none to show.
    const extracted = value.extracted ? ((primary && value.extracted[primary]) ?? Object.values(value.extracted)[0] ?? '(none)') : '';
    return h('td', {}, h('span', { class: `badge verdict-${value.verdict}` }, value.verdict), ` ${extracted}`);
  };
  const primaryOf = (run: RunSummary, key: string) => run.datasets.find((d) => d.key === key)?.primaryMetric;
  const caseLink = (run: RunSummary, pair: CasePair) =>
    h(
      'a',
      { href: hrefOf({ view: 'run', runId: run.runId, dataset: pair.dataset, verdict: 'all', search: pair.caseId, page: 0 }) },
      run === runA ? 'A' : 'B',
    );
  return h(
    'table',
    { class: 'pairs-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Case', 'Dataset', 'Change', 'A: verdict, extracted', 'B: verdict, extracted', 'Expected', 'Open'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...pairs.map((pair) => {
        const row = h(
          'tr',
          {
            tabindex: 0,
            class: `case-row flip-${pair.flip}`,
            'data-case': pair.caseId,
            'data-flip': pair.flip,
            onfocus: () => onFocus(pair),
            onclick: () => row.focus(),
          },
          h('td', {}, pair.caseId),
          h('td', {}, pair.dataset),
          h('td', {}, h('span', { class: `badge flip-${pair.flip}` }, pair.flip)),
          side(pair.a, primaryOf(runA, pair.dataset)),
          side(pair.b, primaryOf(runB, pair.dataset)),
          h('td', {}, (pair.b ?? pair.a)?.expected ?? ''),
          h('td', {}, pair.a ? caseLink(runA, pair) : null, ' ', pair.b ? caseLink(runB, pair) : null),
        );
        return row;
      }),
    ),
  );
}
