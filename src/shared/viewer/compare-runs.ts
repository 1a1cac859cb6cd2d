import type { RunCase, RunRecord } from '../records/run-record.ts';
import { MAX_PAGE_SIZE } from './query-cases.ts';
import type { CasePair, ComparePage, CompareQuery, FlipKind } from './types.ts';

// Two runs side by side: cases paired by dataset key and case id from the run records, the flipped ones first.

/** Order of the pairing: flips first, unchanged cases last. */
export const FLIP_ORDER: readonly FlipKind[] = ['fixed', 'broken', 'changed', 'only-a', 'only-b', 'same'];

/** How one case changed from A to B: a pass/fail flip, another verdict or primary-score change, or none. */
export function classifyFlip(a: RunCase | null, b: RunCase | null, primaryMetric: string): FlipKind {
  if (!a) return 'only-b';
  if (!b) return 'only-a';
  const passA = a.verdict === 'correct';
  const passB = b.verdict === 'correct';
  if (!passA && passB) return 'fixed';
  if (passA && !passB) return 'broken';
  if (a.verdict !== b.verdict) return 'changed';
  return (a.scores[primaryMetric] ?? null) === (b.scores[primaryMetric] ?? null) ? 'same' : 'changed';
}

const collator = new Intl.Collator('en', { numeric: true });

/** Pair every case of two runs by dataset key and case id, flipped cases first, then by dataset and case id. */
export function pairRuns(a: RunRecord, b: RunRecord): CasePair[] {
  const pairs: CasePair[] = [];
  const keys = new Set([...Object.keys(a.datasets), ...Object.keys(b.datasets)]);
  for (const dataset of keys) {
    const casesA = a.datasets[dataset]?.cases ?? {};
    const casesB = b.datasets[dataset]?.cases ?? {};
    const primary = (b.datasets[dataset] ?? a.datasets[dataset])!.primaryMetric;
    for (const caseId of new Set([...Object.keys(casesA), ...Object.keys(casesB)])) {
      const left = casesA[caseId] ?? null;
      const right = casesB[caseId] ?? null;
      pairs.push({ dataset, caseId, flip: classifyFlip(left, right, primary), a: left, b: right });
    }
  }
  const rank = (pair: CasePair) => FLIP_ORDER.indexOf(pair.flip);
  return pairs.sort((x, y) => rank(x) - rank(y) || collator.compare(x.dataset, y.dataset) || collator.compare(x.caseId, y.caseId));
}

function pairText(pair: CasePair): string {
  const sides = [pair.a, pair.b].flatMap((side) => (side ? [side.expected ?? '', ...Object.values(side.extracted ?? {})] : []));
  return [pair.caseId, ...sides].join('\n').toLowerCase();
}

/** Page a pairing: dataset, search and the flipped-only switch filter it; counts are over dataset and search. */
export function queryPairs(pairs: readonly CasePair[], query: CompareQuery): ComparePage {
  const counts = Object.fromEntries(FLIP_ORDER.map((kind) => [kind, 0])) as Record<FlipKind, number>;
  const terms = query.search.toLowerCase().split(/\s+/).filter(Boolean);
  const matching: CasePair[] = [];
  for (const pair of pairs) {
    if (query.dataset && pair.dataset !== query.dataset) continue;
    if (terms.length > 0) {
      const text = pairText(pair);
      if (!terms.every((term) => text.includes(term))) continue;
    }
    counts[pair.flip] += 1;
    if (!query.flippedOnly || pair.flip === 'fixed' || pair.flip === 'broken') matching.push(pair);
  }
  const limit = Math.max(0, Math.min(query.limit, MAX_PAGE_SIZE));
  const offset = Math.max(0, Math.min(query.offset, matching.length));
  return { total: matching.length, offset, counts, pairs: matching.slice(offset, offset + limit) };
}
