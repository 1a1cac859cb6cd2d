import type { VerdictFilter } from './types.ts';

// The page's location in its URL hash, so views can be linked, reloaded and walked with the back button:
// `#/`, `#/run/<runId>?dataset=&verdict=&q=&page=`, `#/compare/<runA>/<runB>?dataset=&flipped=1&q=&page=`.

/** The runs list, one run with its cases, or two runs side by side. */
export type Route =
  | { view: 'runs' }
  | { view: 'run'; runId: string; dataset: string; verdict: VerdictFilter; search: string; page: number }
  | { view: 'compare'; runA: string; runB: string; dataset: string; flippedOnly: boolean; search: string; page: number };

const VERDICTS: readonly VerdictFilter[] = ['all', 'failed', 'correct', 'wrong', 'unparseable', 'graded', 'error'];

/** Read a location hash; anything unrecognised is the runs list. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  const page = Math.max(0, Math.floor(Number(params.get('page')) || 0));
  const search = params.get('q') ?? '';
  const dataset = params.get('dataset') ?? '';
  if (parts[0] === 'run' && parts[1]) {
    const verdict = params.get('verdict') as VerdictFilter | null;
    return { view: 'run', runId: parts[1], dataset, verdict: verdict && VERDICTS.includes(verdict) ? verdict : 'all', search, page };
  }
  if (parts[0] === 'compare' && parts[1] && parts[2]) {
    return { view: 'compare', runA: parts[1], runB: parts[2], dataset, flippedOnly: params.get('flipped') === '1', search, page };
  }
  return { view: 'runs' };
}

/** The hash of a route (defaults left out). */
export function formatRoute(route: Route): string {
  if (route.view === 'runs') return '#/';
  const params = new URLSearchParams();
  if (route.dataset) params.set('dataset', route.dataset);
  if (route.view === 'run' && route.verdict !== 'all') params.set('verdict', route.verdict);
  if (route.view === 'compare' && route.flippedOnly) params.set('flipped', '1');
  if (route.search) params.set('q', route.search);
  if (route.page > 0) params.set('page', String(route.page));
  const query = params.size > 0 ? `?${params}` : '';
  const path =
    route.view === 'run'
      ? `run/${encodeURIComponent(route.runId)}`
      : `compare/${encodeURIComponent(route.runA)}/${encodeURIComponent(route.runB)}`;
  return `#/${path}${query}`;
}
