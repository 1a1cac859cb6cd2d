import { BFCL_CATEGORIES, type BfclCategory } from './categories.ts';
import { categorySize } from './pins.ts';
import type { BfclCaseScore } from './score-case.ts';

// Per-category accuracy and BFCL v4's summary numbers (eval_runner_helper.generate_leaderboard_csv) for the
// single-turn categories. As in BFCL, a category that was not run counts as 0 at its full size; each summary
// names the categories it lacks.

/** Counts and accuracy of one category. */
export interface CategoryScore {
  category: BfclCategory;
  /** Cases scored, parser failures included. */
  total: number;
  correct: number;
  /** Model failures (BFCL verdict "invalid"). */
  wrong: number;
  /** Cases where the server's tool parser failed: neither correct nor a model failure. */
  parserFailed: number;
  /** correct / (total - parserFailed): the model's accuracy where the pipeline worked; null if nothing was scored. */
  accuracy: number | null;
  /** correct / total: parser failures counted as failures (what BFCL would report for such a server). */
  accuracyAllCases: number | null;
  /** Failures per BFCL error type. */
  errorTypes: Record<string, number>;
}

/** One of BFCL's summary numbers. */
export interface BfclSummary {
  /** e.g. `non_live_ast`. */
  name: string;
  /** How BFCL computes it. */
  description: string;
  /** In [0, 1]; missing categories count as 0, as in BFCL. */
  value: number;
  /** Categories the summary needs that had no scored case. */
  missing: BfclCategory[];
  /** Scored cases behind it (categories not run add none). */
  cases: number;
}

/** Per-category scores (categories with no case are left out) and the summaries. */
export interface BfclScoreReport {
  categories: CategoryScore[];
  summaries: BfclSummary[];
}

/** BFCL v4 overall weights; multi-turn and agentic are not single-turn and count as 0 here. */
export const BFCL_OVERALL_WEIGHTS = { nonLive: 10, live: 10, irrelevance: 10, multiTurn: 30, agentic: 40 } as const;

// One category's counts.
function scoreCategory(category: BfclCategory, scores: readonly BfclCaseScore[]): CategoryScore {
  const errorTypes: Record<string, number> = {};
  let correct = 0;
  let parserFailed = 0;
  for (const score of scores) {
    if (score.verdict === 'correct') correct++;
    else if (score.verdict === 'parser_failed') parserFailed++;
    else if (score.errorType) errorTypes[score.errorType] = (errorTypes[score.errorType] ?? 0) + 1;
  }
  const total = scores.length;
  const scored = total - parserFailed;
  return {
    category,
    total,
    correct,
    wrong: scored - correct,
    parserFailed,
    accuracy: scored > 0 ? correct / scored : null,
    accuracyAllCases: total > 0 ? correct / total : null,
    errorTypes,
  };
}

/** A component of a summary: accuracy and weight-count, or BFCL's stand-in for a category not run. */
interface Component {
  accuracy: number;
  count: number;
  missing: BfclCategory[];
  /** Scored cases (a missing category's stand-in count is not one). */
  cases: number;
}

function componentOf(byCategory: ReadonlyMap<BfclCategory, CategoryScore>, category: BfclCategory): Component {
  const score = byCategory.get(category);
  if (!score || score.accuracy === null) return { accuracy: 0, count: categorySize(category), missing: [category], cases: 0 };
  const scored = score.total - score.parserFailed;
  return { accuracy: score.accuracy, count: scored, missing: [], cases: scored };
}

// BFCL's calculate_unweighted_accuracy: plain mean of the components.
function unweighted(parts: readonly Component[]): Component {
  return {
    accuracy: parts.reduce((sum, part) => sum + part.accuracy, 0) / parts.length,
    count: parts.reduce((sum, part) => sum + part.count, 0),
    missing: parts.flatMap((part) => part.missing),
    cases: parts.reduce((sum, part) => sum + part.cases, 0),
  };
}

// BFCL's calculate_weighted_accuracy: mean weighted by case counts.
function weighted(parts: readonly Component[]): Component {
  const count = parts.reduce((sum, part) => sum + part.count, 0);
  return {
    accuracy: count > 0 ? parts.reduce((sum, part) => sum + part.accuracy * part.count, 0) / count : 0,
    count,
    missing: parts.flatMap((part) => part.missing),
    cases: parts.reduce((sum, part) => sum + part.cases, 0),
  };
}

const summary = (name: string, description: string, part: Component): BfclSummary => ({
  name,
  description,
  value: part.accuracy,
  missing: part.missing,
  cases: part.cases,
});

/** BFCL's summaries from per-category scores. */
export function summarizeBfcl(categories: readonly CategoryScore[]): BfclSummary[] {
  const byCategory = new Map(categories.map((score) => [score.category, score]));
  const part = (category: BfclCategory) => componentOf(byCategory, category);
  const simpleAst = unweighted([part('simple_python'), part('simple_java'), part('simple_javascript')]);
  const nonLive = unweighted([simpleAst, part('multiple'), part('parallel'), part('parallel_multiple')]);
  const live = weighted([part('live_simple'), part('live_multiple'), part('live_parallel'), part('live_parallel_multiple')]);
  const irrelevance = unweighted([part('irrelevance'), part('live_irrelevance')]);
  const relevance = part('live_relevance');
  const w = BFCL_OVERALL_WEIGHTS;
  const totalWeight = w.nonLive + w.live + w.irrelevance + w.multiTurn + w.agentic;
  const overall: Component = {
    accuracy: (w.nonLive * nonLive.accuracy + w.live * live.accuracy + w.irrelevance * irrelevance.accuracy) / totalWeight,
    count: nonLive.count + live.count + irrelevance.count,
    missing: [...nonLive.missing, ...live.missing, ...irrelevance.missing],
    cases: nonLive.cases + live.cases + irrelevance.cases,
  };
  const singleTurn = unweighted([nonLive, live, irrelevance]);
  return [
    summary('non_live_simple_ast', 'unweighted mean of simple_python, simple_java, simple_javascript', simpleAst),
    summary(
      'non_live_ast',
      'unweighted mean of non_live_simple_ast, multiple, parallel, parallel_multiple (BFCL v4 non-live overall)',
      nonLive,
    ),
    summary(
      'live_ast',
      'mean of live_simple, live_multiple, live_parallel, live_parallel_multiple weighted by case count (BFCL v4 live overall)',
      live,
    ),
    summary('irrelevance', 'unweighted mean of irrelevance and live_irrelevance (hallucination measurement)', irrelevance),
    summary('relevance', 'live_relevance', relevance),
    summary(
      'overall_partial',
      'BFCL v4 overall (10% non-live, 10% live, 10% irrelevance, 30% multi-turn, 40% agentic) with multi-turn and agentic not run, so at most 0.30',
      overall,
    ),
    summary(
      'single_turn_overall',
      'not a BFCL number: mean of non_live_ast, live_ast and irrelevance (BFCL overall restricted to its single-turn parts)',
      singleTurn,
    ),
  ];
}

/**
 * Aggregate case verdicts into per-category scores and BFCL's summaries.
 * @example aggregateBfcl([{ category: 'simple_python', score }]).summaries[0].name // 'non_live_simple_ast'
 */
export function aggregateBfcl(results: readonly { category: BfclCategory; score: BfclCaseScore }[]): BfclScoreReport {
  const categories = BFCL_CATEGORIES.flatMap((category) => {
    const scores = results.filter((result) => result.category === category).map((result) => result.score);
    return scores.length > 0 ? [scoreCategory(category, scores)] : [];
  });
  return { categories, summaries: summarizeBfcl(categories) };
}
