import type { CaseQuery, CompareQuery, VerdictFilter } from './types.ts';

// Case and compare queries as URL parameters: written by the page, read by the local server.

/** Page size the table asks for. @default 100 */
export const DEFAULT_PAGE_SIZE = 100;

const VERDICT_FILTERS: readonly VerdictFilter[] = ['all', 'failed', 'correct', 'wrong', 'unparseable', 'graded', 'error'];

/** URL parameters of a case query. */
export function caseQueryParams(runId: string, query: CaseQuery): URLSearchParams {
  const params = new URLSearchParams({ run: runId, verdict: query.verdict, offset: String(query.offset), limit: String(query.limit) });
  if (query.dataset) params.set('dataset', query.dataset);
  if (query.search) params.set('q', query.search);
  return params;
}

/** Read a case query; unknown or missing values fall back to every case, first page. */
export function parseCaseQuery(params: URLSearchParams): CaseQuery {
  const verdict = params.get('verdict') as VerdictFilter | null;
  const dataset = params.get('dataset');
  return {
    ...(dataset ? { dataset } : {}),
    verdict: verdict && VERDICT_FILTERS.includes(verdict) ? verdict : 'all',
    search: params.get('q') ?? '',
    offset: readCount(params.get('offset'), 0),
    limit: readCount(params.get('limit'), DEFAULT_PAGE_SIZE),
  };
}

/** URL parameters of a compare query. */
export function compareQueryParams(runA: string, runB: string, query: CompareQuery): URLSearchParams {
  const params = new URLSearchParams({ a: runA, b: runB, offset: String(query.offset), limit: String(query.limit) });
  if (query.dataset) params.set('dataset', query.dataset);
  if (query.search) params.set('q', query.search);
  if (query.flippedOnly) params.set('flipped', '1');
  return params;
}

/** Read a compare query; missing values mean every pair, first page. */
export function parseCompareQuery(params: URLSearchParams): CompareQuery {
  const dataset = params.get('dataset');
  return {
    ...(dataset ? { dataset } : {}),
    flippedOnly: params.get('flipped') === '1',
    search: params.get('q') ?? '',
    offset: readCount(params.get('offset'), 0),
    limit: readCount(params.get('limit'), DEFAULT_PAGE_SIZE),
  };
}

function readCount(text: string | null, fallback: number): number {
  const value = Number(text);
  return text !== null && Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}
