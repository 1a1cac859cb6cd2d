import type { HellaswagCase } from './reader.ts';
import { labelHellaswagEndings } from './prompt.ts';
import { choiceLetter } from '../../scorers/choice/choice-letter.ts';
import { scoreChoiceResponse, type ChatChoiceScore } from '../../scorers/choice/score-chat.ts';
import { loglikelihoodChoice } from '../../scorers/loglikelihood/loglikelihood-choice.ts';
import { buildChoiceGoldResponse, buildChoiceWrongResponse } from '../multiple-choice/simulate-answers.ts';
import { scoreLoglikelihoodChoices, type LoglikelihoodOptions, type LoglikelihoodScore } from '../../scorers/loglikelihood/score.ts';

// HellaSwag: lm-eval log-likelihood scoring (`acc_norm` primary) and a chat mode with endings labelled A-D.

/** Chat mode: the final stated label A-D (`chat_acc`). */
export const HELLASWAG_CHAT_SCORER = choiceLetter<HellaswagCase>({ choices: (item) => labelHellaswagEndings(item) });

/** Log-likelihood mode: lm-eval's `acc_norm` (primary, the reference) and `acc`. */
export const HELLASWAG_LOGLIKELIHOOD_SCORER = loglikelihoodChoice<HellaswagCase>({ gold: (item) => item.label });

/** Score summed continuation log-probs of the four endings; `extracted` holds the picked ending index. */
export function scoreHellaswagLoglikelihood(
  testCase: HellaswagCase,
  logprobSums: readonly number[],
  options?: LoglikelihoodOptions,
): LoglikelihoodScore {
  return scoreLoglikelihoodChoices(testCase.endings, logprobSums, testCase.label, options);
}

// The gold ending's chat label.
export function goldLabel(testCase: HellaswagCase): string {
  return labelHellaswagEndings(testCase)[testCase.label]?.label ?? String(testCase.label);
}

/** Score a chat answer (endings labelled A-D) against the gold ending. */
export function scoreHellaswagChatResponse(testCase: HellaswagCase, response: string): ChatChoiceScore {
  return scoreChoiceResponse(labelHellaswagEndings(testCase), goldLabel(testCase), response);
}

/** A realistic chat answer ending on the gold ending's label (self-check: must score 1). */
export function buildHellaswagGoldResponse(testCase: HellaswagCase): string {
  return buildChoiceGoldResponse(labelHellaswagEndings(testCase), goldLabel(testCase), testCase.id);
}

/** A realistic chat answer that discusses the gold ending but settles on another (must score 0). */
export function buildHellaswagWrongResponse(testCase: HellaswagCase): string {
  return buildChoiceWrongResponse(labelHellaswagEndings(testCase), goldLabel(testCase), testCase.id);
}
