import type { CaseRecord, Verdict } from '../records/case-record.ts';
import type { CasePage, CaseQuery, VerdictFilter } from './types.ts';

// Filtering, searching and paging a run's case records: the same function serves the local server and the export.

/** Largest page the table asks for; bigger requests are cut to it. */
export const MAX_PAGE_SIZE = 500;

const VERDICTS: readonly Verdict[] = ['correct', 'wrong', 'unparseable', 'graded', 'error'];

/** True when the verdict passes the filter; `failed` = wrong, unparseable or error. */
export function matchesVerdict(verdict: Verdict, filter: VerdictFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'failed') return verdict === 'wrong' || verdict === 'unparseable' || verdict === 'error';
  return verdict === filter;
}

/** Dataset key of a case record: `dataset/variant`. */
export function caseDatasetKey(record: Pick<CaseRecord, 'dataset' | 'variant'>): string {
  return `${record.dataset}/${record.variant}`;
}

// Lower-cased text a search looks in, made once per record: search is typed key by key.
const haystacks = new WeakMap<CaseRecord, string>();

function haystackOf(record: CaseRecord): string {
  let text = haystacks.get(record);
  if (text === undefined) {
    const extracted = Object.values(record.extracted).filter((value) => value !== null);
    text = [record.caseId, record.prompt, record.response ?? '', record.expected, ...extracted, record.error?.message ?? '']
      .join('\n')
      .toLowerCase();
    haystacks.set(record, text);
  }
  return text;
}

/** True when every whitespace-separated term of `search` occurs in the case (case-insensitive); an empty search matches all. */
export function matchesSearch(record: CaseRecord, search: string): boolean {
  const terms = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const text = haystackOf(record);
  return terms.every((term) => text.includes(term));
}

/** Page a run's cases: dataset, then search, give the verdict counts; the verdict filter then picks the page's cases. */
export function queryCases(records: readonly CaseRecord[], query: CaseQuery): CasePage {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const matching: CaseRecord[] = [];
  for (const record of records) {
    if (query.dataset && caseDatasetKey(record) !== query.dataset) continue;
    if (!matchesSearch(record, query.search)) continue;
    counts[record.verdict] += 1;
    if (matchesVerdict(record.verdict, query.verdict)) matching.push(record);
  }
  const limit = Math.max(0, Math.min(query.limit, MAX_PAGE_SIZE));
  const offset = Math.max(0, Math.min(query.offset, matching.length));
  return { total: matching.length, offset, counts, cases: matching.slice(offset, offset + limit) };
}
