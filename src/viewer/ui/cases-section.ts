import type { CaseRecord, Verdict } from '../../shared/records/case-record.ts';
import type { ViewerBackend } from '../../shared/viewer/backend.ts';
import { describeFailure, primaryExtracted } from '../../shared/viewer/case-facts.ts';
import { caseDatasetKey } from '../../shared/viewer/query-cases.ts';
import { DEFAULT_PAGE_SIZE } from '../../shared/viewer/query-params.ts';
import type { Route } from '../../shared/viewer/route.ts';
import type { CasePage, RunSummary, VerdictFilter } from '../../shared/viewer/types.ts';
import { renderCaseDetail } from './case-detail.ts';
import { clip, formatMs, h } from './dom.ts';
import { debounce, replaceRoute } from './navigation.ts';
import { renderPager } from './pager.ts';

// A run's cases: dataset and verdict filters, search, one page at a time from the backend, and the focused case in full.

type RunRoute = Extract<Route, { view: 'run' }>;

const VERDICT_CHOICES: VerdictFilter[] = ['all', 'failed', 'correct', 'wrong', 'unparseable', 'graded', 'error'];

/** Render the cases section of a run; it fetches its pages itself. */
export function renderCasesSection(backend: ViewerBackend, run: RunSummary, initial: RunRoute): HTMLElement {
  let state = { ...initial };
  const primaryOf = new Map(run.datasets.map((d) => [d.key, d.primaryMetric]));
  const verdictSelect = h('select', {
    id: 'verdict-filter',
    name: 'verdict',
    onchange: (event) => update({ verdict: (event.target as HTMLSelectElement).value as VerdictFilter }),
  });
  const search = h('input', {
    type: 'search',
    id: 'search',
    placeholder: 'Search id, prompt, response, answers (/)',
    value: state.search,
    'aria-label': 'Search cases',
    oninput: debounce((event: Event) => update({ search: (event.target as HTMLInputElement).value })),
  });
  const datasetSelect = h(
    'select',
    { id: 'dataset-filter', name: 'dataset', onchange: (event) => update({ dataset: (event.target as HTMLSelectElement).value }) },
    h('option', { value: '' }, 'all datasets'),
    ...run.datasets.map((d) => h('option', { value: d.key, selected: state.dataset === d.key }, d.key)),
  );
  const status = h('p', { class: 'muted', role: 'status' });
  const tableHost = h('div', { class: 'table-wrap' });
  const detail = h(
    'aside',
    { class: 'detail', 'aria-label': 'Case detail' },
    h('p', { class: 'muted' }, 'Focus a case (j / k, or click) to see it in full.'),
  );
  const pagerHost = h('div', {});
  let request = 0;

  async function refresh(): Promise<void> {
    const mine = ++request;
    status.textContent = 'Loading…';
    const query = {
      ...(state.dataset ? { dataset: state.dataset } : {}),
      verdict: state.verdict,
      search: state.search,
      offset: state.page * DEFAULT_PAGE_SIZE,
      limit: DEFAULT_PAGE_SIZE,
    };
    let page: CasePage;
    try {
      page = await backend.cases(run.runId, query);
    } catch (error) {
      status.textContent = `Could not load the cases: ${(error as Error).message}`;
      return;
    }
    // A slower answer to an older query must not overwrite a newer one.
    if (mine !== request) return;
    renderVerdictOptions(verdictSelect, page.counts, state.verdict);
    const last = page.total === 0 ? 0 : Math.min(page.offset + page.cases.length, page.total);
    status.textContent = page.total === 0 ? 'No case matches.' : `Cases ${page.offset + 1}–${last} of ${page.total}`;
    tableHost.replaceChildren(renderCaseTable(page.cases, primaryOf, (record) => detail.replaceChildren(renderCaseDetail(record))));
    pagerHost.replaceChildren(renderPager(state.page, page.total, DEFAULT_PAGE_SIZE, (pageIndex) => update({ page: pageIndex })));
  }

  function update(patch: Partial<RunRoute>): void {
    state = { ...state, page: 0, ...patch };
    replaceRoute(state);
    void refresh();
  }

  void refresh();
  return h(
    'section',
    { 'aria-label': 'Cases', class: 'cases' },
    h('h2', {}, 'Cases'),
    h('div', { class: 'filters' }, h('label', {}, 'Dataset ', datasetSelect), h('label', {}, 'Verdict ', verdictSelect), search),
    status,
    h('div', { class: 'split' }, h('div', {}, tableHost, pagerHost), detail),
  );
}

function renderVerdictOptions(select: HTMLSelectElement, counts: Record<Verdict, number>, current: VerdictFilter): void {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const countOf = (choice: VerdictFilter) =>
    choice === 'all' ? total : choice === 'failed' ? counts.wrong + counts.unparseable + counts.error : counts[choice];
  select.replaceChildren(
    ...VERDICT_CHOICES.map((choice) => h('option', { value: choice, selected: choice === current }, `${choice} (${countOf(choice)})`)),
  );
}

function renderCaseTable(cases: CaseRecord[], primaryOf: Map<string, string>, onFocus: (record: CaseRecord) => void): HTMLElement {
  const headers = [
    'Case',
    'Dataset',
    'Verdict',
    'Extracted / expected',
    'Prompt',
    'Response',
    'Failure reason',
    'Tokens in/out',
    'Latency',
  ];
  return h(
    'table',
    { class: 'cases-table' },
    h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      ...cases.map((record) => {
        const extracted = primaryExtracted(record, primaryOf.get(caseDatasetKey(record)));
        const row = h(
          'tr',
          {
            tabindex: 0,
            class: `case-row verdict-${record.verdict}`,
            'data-case': record.caseId,
            onfocus: () => onFocus(record),
            onclick: () => row.focus(),
          },
          h('td', {}, record.caseId),
          h('td', {}, caseDatasetKey(record)),
          h('td', {}, h('span', { class: `badge verdict-${record.verdict}` }, record.verdict)),
          h('td', { class: 'answer' }, `${extracted ?? '(none)'} / ${clip(record.expected, 40)}`),
          h('td', { class: 'text' }, clip(record.prompt, 90)),
          h('td', { class: 'text' }, clip(record.response, 90)),
          h('td', { class: 'text' }, describeFailure(record)),
          h('td', { class: 'num' }, `${record.usage.promptTokens ?? '–'} / ${record.usage.completionTokens ?? '–'}`),
          h('td', { class: 'num' }, formatMs(record.timing.latencyMs)),
        );
        return row;
      }),
    ),
  );
}
