import { describe, expect, test } from 'vitest';
import {
  answerPinId,
  BFCL_CATEGORIES,
  BFCL_DATASET_PINS,
  joinBfclAnswers,
  questionPinId,
  readBfclAnswers,
  readBfclEntries,
  scoreQwenText,
  scoreToolsResponse,
  type BfclCase,
  type BfclCategory,
} from '../../../src/evals/bfcl/index.ts';
import { BFCL_UNSATISFIABLE_IDS, buildGoldResponse, buildWrongResponse } from '../../../src/evals/bfcl/self-check.ts';
import { readShared } from '../../helpers/shared.ts';

// Every BFCL v4 question answered from its own possible answer, through both decoders and the checker.

function readCases(category: BfclCategory): BfclCase[] {
  const answers = answerPinId(category);
  return joinBfclAnswers(
    readBfclEntries(readShared(BFCL_DATASET_PINS[questionPinId(category)].localPath), category),
    answers ? readBfclAnswers(readShared(BFCL_DATASET_PINS[answers].localPath)) : null,
  );
}

const ALL = BFCL_CATEGORIES.map((category) => [category, readCases(category)] as const);

describe('gold responses built from the possible answers', () => {
  test.each(ALL)('score correct in %s in both modes, except the unsatisfiable ground truths', (_, cases) => {
    const failing = cases.filter((testCase) => {
      const gold = buildGoldResponse(testCase);
      const tools = scoreToolsResponse(testCase, gold.tools).verdict === 'correct';
      const text = scoreQwenText(testCase, gold.text).verdict === 'correct';
      expect(tools).toBe(text);
      return !tools;
    });
    expect(failing.map((testCase) => testCase.id)).toEqual(
      cases.map((c) => c.id).filter((id) => Object.hasOwn(BFCL_UNSATISFIABLE_IDS, id)),
    );
  });

  test('match order-free in parallel categories, except where greedy matching lets an earlier answer take a later call', () => {
    const reversedFailures = ALL.filter(([category]) => category.includes('parallel')).flatMap(([, cases]) =>
      cases.filter((testCase) => {
        const gold = buildGoldResponse(testCase).tools;
        return scoreToolsResponse(testCase, { ...gold, tool_calls: [...gold.tool_calls!].reverse() }).verdict !== 'correct';
      }),
    );
    // parallel_178: the first expected call allows Microsoft or Apple on 2022-01-01, so in reverse order it takes
    // the Apple call meant for the third; BFCL's checker fails this order too.
    expect(reversedFailures.map((testCase) => testCase.id)).toEqual(['parallel_178']);
  });
});

describe('wrong responses (no call where one is expected, a call where none is)', () => {
  test.each(ALL)('score wrong in every case of %s in both modes', (_, cases) => {
    const correct = cases.filter((testCase) => {
      const wrong = buildWrongResponse(testCase);
      return scoreToolsResponse(testCase, wrong.tools).verdict !== 'wrong' || scoreQwenText(testCase, wrong.text).verdict !== 'wrong';
    });
    expect(correct).toEqual([]);
  });
});
