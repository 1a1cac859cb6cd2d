import type { DatasetAggregate } from '../../shared/records/aggregate.ts';
import type { DatasetSummary } from '../../shared/records/run-summary.ts';
import { stratifiedBootstrapIntervals } from '../../shared/stats/stratified-bootstrap.ts';
import { summarizeBfcl, type CategoryScore } from './aggregate.ts';
import type { BfclCategory } from './categories.ts';
import { parseBfclVariant } from './variants.ts';

// BFCL's summary numbers (non-live, live, irrelevance, overall) for a run, per mode, from its per-category dataset
// results; the 95% intervals resample each category's scored cases (parser failures and errors are not scored).

/** Dataset name of the BFCL suite. */
const BFCL = 'bfcl';

/** A category's counts from its dataset result: correct of scored, and the parser failures left out. */
function categoryScoreOf(category: BfclCategory, result: DatasetSummary): CategoryScore {
  const accuracy = result.metrics.accuracy;
  const scored = accuracy?.n ?? 0;
  const correct = Math.round((accuracy?.value ?? 0) * scored);
  const parserFailed = result.counts.parserFailed ?? 0;
  return {
    category,
    total: scored + parserFailed,
    correct,
    wrong: scored - correct,
    parserFailed,
    accuracy: scored > 0 ? correct / scored : null,
    accuracyAllCases: scored + parserFailed > 0 ? correct / (scored + parserFailed) : null,
    errorTypes: {},
  };
}

/**
 * BFCL's summaries of every mode the run asked in: values as BFCL computes them (categories not run count 0 at their
 * full size) with percentile intervals from a stratified bootstrap.
 */
export function aggregateBfclRun(datasets: Readonly<Record<string, DatasetSummary>>): DatasetAggregate[] {
  const byMode = new Map<string, CategoryScore[]>();
  for (const result of Object.values(datasets)) {
    if (result.dataset !== BFCL) continue;
    const { category, mode } = parseBfclVariant(result.variant);
    const list = byMode.get(mode) ?? [];
    list.push(categoryScoreOf(category, result));
    byMode.set(mode, list);
  }
  return [...byMode].flatMap(([mode, categories]) => {
    const summaries = summarizeBfcl(categories);
    const scored = categories.map((c) => c.total - c.parserFailed);
    const intervals = stratifiedBootstrapIntervals(
      categories.map((c, i) => ({ successes: c.correct, n: scored[i]! })),
      (rates) => summarizeBfcl(categories.map((c, i) => ({ ...c, accuracy: rates[i] ?? null }))).map((summary) => summary.value),
    );
    return summaries.map((summary, i) => ({
      dataset: BFCL,
      group: mode,
      name: summary.name,
      description: summary.description,
      value: summary.value,
      // Nothing measured behind a summary of stand-in zeros: no interval.
      ci: summary.cases > 0 ? (intervals[i] ?? null) : null,
      n: summary.cases,
      missing: summary.missing,
    }));
  });
}
