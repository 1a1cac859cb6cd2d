import { ScorerError } from '../../shared/errors.ts';
import type { ArcCase } from './reader.ts';
import { scoreChoiceResponse, type ChatChoiceScore } from '../../scorers/choice/score-chat.ts';
import { buildChoiceGoldResponse, buildChoiceWrongResponse } from '../../scorers/choice/self-check.ts';
import { scoreLoglikelihoodChoices, type LoglikelihoodOptions, type LoglikelihoodScore } from '../../scorers/loglikelihood/score.ts';

// ARC-Challenge: chat letter-choice (`chat_acc`) and lm-eval log-likelihood (`acc`, `acc_norm`) scoring.

export { readArcChallenge, type ArcCase } from './reader.ts';
export { buildArcChatMessages, buildArcLoglikelihoodPrompt } from './prompt.ts';
export { CHAT_CHOICE_METRICS as ARC_CHAT_METRICS, CHAT_CHOICE_PRIMARY_METRIC as ARC_CHAT_PRIMARY_METRIC } from '../../scorers/choice/metrics.ts';
export {
  LOGLIKELIHOOD_METRICS as ARC_LOGLIKELIHOOD_METRICS,
  LOGLIKELIHOOD_PRIMARY_METRIC as ARC_LOGLIKELIHOOD_PRIMARY_METRIC,
} from '../../scorers/loglikelihood/score.ts';

/** Score a chat answer: the final stated label against `answerKey`. */
export function scoreArcChatResponse(testCase: ArcCase, response: string): ChatChoiceScore {
  return scoreChoiceResponse(testCase.choices, testCase.answerKey, response);
}

/**
 * Score the summed continuation log-probs (one per choice, in choice order); `extracted` holds the picked labels.
 * @example scoreArcLoglikelihood(c, [-9.1, -4.2, -7.7, -8.0]).extracted.acc // 'B'
 */
export function scoreArcLoglikelihood(testCase: ArcCase, logprobSums: readonly number[], options?: LoglikelihoodOptions): LoglikelihoodScore {
  const gold = testCase.choices.findIndex((c) => c.label === testCase.answerKey);
  if (gold === -1) throw new ScorerError(`ARC case ${testCase.id}: answerKey ${testCase.answerKey} is not a choice label.`);
  const result = scoreLoglikelihoodChoices(testCase.choices.map((c) => c.text), logprobSums, gold, options);
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
