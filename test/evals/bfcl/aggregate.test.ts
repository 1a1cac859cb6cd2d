import { describe, expect, test } from 'vitest';
import { aggregateBfcl, categorySize, type BfclCaseScore, type BfclCategory, type BfclVerdict } from '../../../src/evals/bfcl/index.ts';

// A known mix of verdicts per category; every expected number below is derived from this table.
const MIX: [BfclCategory, BfclVerdict[]][] = [
  ['simple_python', ['correct', 'correct', 'correct', 'wrong']],
  ['simple_java', ['correct', 'wrong']],
  ['simple_javascript', ['correct', 'parser_failed']],
  ['multiple', ['correct']],
  ['parallel', ['wrong']],
  ['parallel_multiple', ['correct', 'wrong']],
  ['irrelevance', ['correct', 'correct', 'correct', 'correct']],
  ['live_simple', ['correct', 'wrong']],
  ['live_multiple', ['correct', 'correct', 'correct', 'correct', 'correct', 'correct', 'wrong', 'wrong']],
  ['live_parallel_multiple', ['correct']],
  ['live_irrelevance', ['correct', 'wrong']],
  ['live_relevance', ['correct']],
];

function scoreOf(verdict: BfclVerdict): BfclCaseScore {
  return { verdict, errorType: verdict === 'wrong' ? 'value_error:string' : null, errors: [], calls: null };
}

const report = aggregateBfcl(MIX.flatMap(([category, verdicts]) => verdicts.map((verdict) => ({ category, score: scoreOf(verdict) }))));
const summary = (name: string) => report.summaries.find((item) => item.name === name)!;

describe('per-category scores', () => {
  test('count correct, wrong and parser failures per category', () => {
    const js = report.categories.find((score) => score.category === 'simple_javascript')!;
    expect([js.total, js.correct, js.wrong, js.parserFailed]).toEqual([2, 1, 0, 1]);
  });

  test('leave parser failures out of accuracy and keep them in accuracyAllCases', () => {
    const js = report.categories.find((score) => score.category === 'simple_javascript')!;
    expect([js.accuracy, js.accuracyAllCases]).toEqual([1, 0.5]);
  });

  test('count failures by BFCL error type', () => {
    expect(report.categories.find((score) => score.category === 'live_multiple')!.errorTypes).toEqual({ 'value_error:string': 2 });
  });

  test('list only categories that had cases', () => {
    expect(report.categories.map((score) => score.category)).not.toContain('live_parallel');
  });
});

describe("BFCL's summaries", () => {
  const simpleAst = (3 / 4 + 1 / 2 + 1) / 3;
  const nonLive = (simpleAst + 1 + 0 + 1 / 2) / 4;
  // live_parallel was not run: BFCL counts it as 0 at its full size.
  const live = (0.5 * 2 + 0.75 * 8 + 0 * categorySize('live_parallel') + 1 * 1) / (2 + 8 + categorySize('live_parallel') + 1);
  const irrelevance = (1 + 0.5) / 2;

  test('non-live simple is the unweighted mean of the three languages', () => {
    expect(summary('non_live_simple_ast').value).toBeCloseTo(simpleAst, 12);
  });

  test('non-live AST is the unweighted mean of simple, multiple, parallel and parallel_multiple', () => {
    expect(summary('non_live_ast').value).toBeCloseTo(nonLive, 12);
  });

  test('live AST is weighted by case counts, a category not run counting 0 at its size', () => {
    expect(summary('live_ast').value).toBeCloseTo(live, 12);
    expect(summary('live_ast').missing).toEqual(['live_parallel']);
  });

  test('irrelevance averages the two irrelevance categories; relevance is live_relevance', () => {
    expect([summary('irrelevance').value, summary('relevance').value]).toEqual([irrelevance, 1]);
  });

  test('overall uses the v4 weights 10/10/10/30/40 with multi-turn and agentic at 0', () => {
    expect(summary('overall_partial').value).toBeCloseTo((10 * nonLive + 10 * live + 10 * irrelevance) / 100, 12);
  });

  test('the single-turn overall (ours) is the plain mean of non-live, live and irrelevance', () => {
    expect(summary('single_turn_overall').value).toBeCloseTo((nonLive + live + irrelevance) / 3, 12);
  });

  test('with no results every summary is 0 and names every category it lacks', () => {
    const empty = aggregateBfcl([]);
    expect(empty.summaries.every((item) => item.value === 0)).toBe(true);
    expect(empty.summaries.find((item) => item.name === 'overall_partial')!.missing).toHaveLength(12);
  });
});
