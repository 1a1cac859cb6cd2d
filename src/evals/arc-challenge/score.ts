import { ScorerError } from '../../shared/errors.ts';
import type { ArcCase } from './reader.ts';
import { choiceLetter } from '../../scorers/choice/choice-letter.ts';
import { scoreChoiceResponse, type ChatChoiceScore } from '../../scorers/choice/score-chat.ts';
import { loglikelihoodChoice } from '../../scorers/loglikelihood/loglikelihood-choice.ts';
import { buildChoiceGoldResponse, buildChoiceWrongResponse } from '../multiple-choice/simulate-answers.ts';
import { scoreLoglikelihoodChoices, type LoglikelihoodOptions, type LoglikelihoodScore } from '../../scorers/loglikelihood/score.ts';

// ARC-Challenge: chat letter-choice (`chat_acc`) and lm-eval log-likelihood (`acc`, `acc_norm`) scoring.

/** Chat mode: the final stated label (`chat_acc`). */
export const ARC_CHAT_SCORER = choiceLetter<ArcCase>({ choices: (item) => item.choices });

/** Log-likelihood mode: lm-eval's `acc_norm` (primary) and `acc`, recording the picked label. */
export const ARC_LOGLIKELIHOOD_SCORER = loglikelihoodChoice<ArcCase>({
  gold: (item) => goldIndex(item),
  label: (item, index) => item.choices[index]?.label ?? String(index),
});

// Index of the gold label; a label that is not a choice is a dataset error.
function goldIndex(testCase: ArcCase): number {
  const gold = testCase.choices.findIndex((c) => c.label === testCase.answerKey);
  if (gold === -1) throw new ScorerError(`ARC case ${testCase.id}: answerKey ${testCase.answerKey} is not a choice label.`);
  return gold;
}

/** Score a chat answer: the final stated label against `answerKey`. */
export function scoreArcChatResponse(testCase: ArcCase, response: string): ChatChoiceScore {
  return scoreChoiceResponse(testCase.choices, testCase.answerKey, response);
}

/**
 * Score the summed continuation log-probs (one per choice, in choice order); `extracted` holds the picked labels.
 * @example scoreArcLoglikelihood(c, [-9.1, -4.2, -7.7, -8.0]).extracted.acc // 'B'
 */
export function scoreArcLoglikelihood(
  testCase: ArcCase,
  logprobSums: readonly number[],
  options?: LoglikelihoodOptions,
): LoglikelihoodScore {
  const result = scoreLoglikelihoodChoices(
    testCase.choices.map((c) => c.text),
    logprobSums,
    goldIndex(testCase),
    options,
  );
  const label = (index: string) => testCase.choices[Number(index)]?.label ?? index;
  return { ...result, extracted: { acc: label(result.extracted.acc), acc_norm: label(result.extracted.acc_norm) } };
}

/** A realistic chat answer ending on the gold label (self-check: must score 1). */
export function buildArcGoldResponse(testCase: ArcCase): string {
  return buildChoiceGoldResponse(testCase.choices, testCase.answerKey, testCase.id);
}

/** A realistic chat answer that discusses the gold label but ends on another (must score 0). */
export function buildArcWrongResponse(testCase: ArcCase): string {
  return buildChoiceWrongResponse(testCase.choices, testCase.answerKey, testCase.id);
}
