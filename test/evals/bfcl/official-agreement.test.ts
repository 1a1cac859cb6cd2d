import { describe, expect, test } from 'vitest';
import {
  BFCL_CATEGORIES,
  decodeToolCalls,
  joinBfclAnswers,
  readBfclAnswers,
  readBfclEntries,
  scoreDecoded,
  scoreToolsResponse,
  type BfclCategory,
} from '../../../src/evals/bfcl/index.ts';
import { readShared } from '../../helpers/shared.ts';
import { readOfficialCases, type OfficialCase } from './official-outputs.ts';

// gpt-oss-120b's BFCL v4 results (tools mode through vLLM 0.11) replayed through our decoder and checker,
// compared with BFCL's own score files id by id. Table and notes: BFCL-AGREEMENT.md.

/** Every id where our verdict differs from BFCL's, with the reason; none so far. */
const EXPLAINED_DISAGREEMENTS: Readonly<Record<string, string>> = {};

const MIN_AGREEMENT = 0.99;

const OFFICIAL = new Map(BFCL_CATEGORIES.map((category) => [category, readOfficialCases(category)] as const));

// Ids where `correct` (our verdict for a case) differs from BFCL's.
function disagreements(cases: readonly OfficialCase[], correct: (c: OfficialCase) => boolean): string[] {
  return cases.filter((c) => correct(c) !== c.officialCorrect).map((c) => c.testCase.id);
}

const ours = (c: OfficialCase) => scoreToolsResponse(c.testCase, c.message).verdict === 'correct';

describe('agreement with the official BFCL checker on gpt-oss-120b outputs', () => {
  test.each(BFCL_CATEGORIES)('%s: the score file matches its own header', (category) => {
    const { cases, header } = OFFICIAL.get(category)!;
    expect(cases.length).toBe(header.total_count);
    expect(cases.filter((c) => c.officialCorrect).length).toBe(header.correct_count);
  });

  test.each(BFCL_CATEGORIES)('%s: verdicts agree on at least 99% of ids, every difference explained', (category) => {
    const { cases } = OFFICIAL.get(category)!;
    const differing = disagreements(cases, ours);
    expect(differing).toEqual(Object.keys(EXPLAINED_DISAGREEMENTS).filter((id) => id.startsWith(`${category}_`)));
    expect(1 - differing.length / cases.length).toBeGreaterThanOrEqual(MIN_AGREEMENT);
  });

  test.each(BFCL_CATEGORIES)('%s: failed ids carry the error type BFCL recorded', (category) => {
    const mismatched = OFFICIAL.get(category)!.cases.flatMap((c) => {
      const score = scoreToolsResponse(c.testCase, c.message);
      return !c.officialCorrect && score.verdict === 'wrong' && score.errorType !== c.officialErrorType
        ? [`${c.testCase.id}: BFCL ${c.officialErrorType}, ours ${score.errorType}`]
        : [];
    });
    expect(mismatched).toEqual([]);
  });

  test('no replayed result looks like a failed server-side parser', () => {
    const parserFailed = [...OFFICIAL.values()].flatMap(({ cases }) =>
      cases.filter((c) => scoreToolsResponse(c.testCase, c.message).verdict === 'parser_failed'),
    );
    expect(parserFailed).toEqual([]);
  });

  // Three ground truths changed after the run was scored; the score file embeds the ones BFCL used.
  test.each([
    ['simple_python', 'simple_python_363'],
    ['simple_javascript', 'simple_javascript_41'],
    ['live_parallel', 'live_parallel_9-5-0'],
  ] as [BfclCategory, string][])('%s: %s gets the same verdict under the answer BFCL used and the current one', (category, id) => {
    const official = OFFICIAL.get(category)!.cases.find((c) => c.testCase.id === id)!;
    const current = joinBfclAnswers(
      readBfclEntries(readShared('bfcl', `BFCL_v4_${category}.json`), category),
      readBfclAnswers(readShared('bfcl', 'possible_answer', `BFCL_v4_${category}.json`)),
    ).find((testCase) => testCase.id === id)!;
    expect(current.answer).not.toEqual(official.testCase.answer);
    expect(scoreToolsResponse(current, official.message)).toEqual(scoreToolsResponse(official.testCase, official.message));
    expect(official.officialCorrect).toBe(false);
  });
});

describe('the agreement check can fail', () => {
  test('comparing names without the dots-to-underscores step disagrees on far more than 1%', () => {
    const rates = (['simple_python', 'simple_java', 'multiple', 'live_simple', 'live_multiple'] as const).map((category) => {
      const { cases } = OFFICIAL.get(category)!;
      const plainNames = (c: OfficialCase) => scoreDecoded(c.testCase, decodeToolCalls(c.message), 'qwen_text').verdict === 'correct';
      return disagreements(cases, plainNames).length / cases.length;
    });
    expect(Math.min(...rates)).toBeGreaterThan(0.05);
  });

  test('a checker that ignored types would disagree: ids BFCL failed on type grounds exist in the data', () => {
    const typeFailures = [...OFFICIAL.values()].flatMap(({ cases }) => cases.filter((c) => c.officialErrorType?.startsWith('type_error')));
    expect(typeFailures.length).toBeGreaterThan(0);
    expect(typeFailures.every((c) => !ours(c))).toBe(true);
  });
});
