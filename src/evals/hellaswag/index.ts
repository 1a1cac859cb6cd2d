import type { HellaswagCase } from './reader.ts';
import { labelHellaswagEndings } from './prompt.ts';
import { scoreChoiceResponse, type ChatChoiceScore } from '../../scorers/choice/score-chat.ts';
import { buildChoiceGoldResponse, buildChoiceWrongResponse } from '../../scorers/choice/self-check.ts';
import { scoreLoglikelihoodChoices, type LoglikelihoodOptions, type LoglikelihoodScore } from '../../scorers/loglikelihood/score.ts';

// HellaSwag: lm-eval log-likelihood scoring (`acc_norm` primary) and a chat mode with endings labelled A-D.

export { readHellaswagText, type HellaswagCase } from './reader.ts';
export {
  buildHellaswagQuery,
  capitalizePython,
  preprocessHellaswagText,
  reconstructHellaswagQuery,
  type HellaswagRawDoc,
} from './preprocess.ts';
export { buildHellaswagChatMessages, buildHellaswagLoglikelihoodPrompt, HELLASWAG_LABELS } from './prompt.ts';
export {
  LOGLIKELIHOOD_METRICS as HELLASWAG_METRICS,
  LOGLIKELIHOOD_PRIMARY_METRIC as HELLASWAG_PRIMARY_METRIC,
} from '../../scorers/loglikelihood/score.ts';
export {
  CHAT_CHOICE_METRICS as HELLASWAG_CHAT_METRICS,
  CHAT_CHOICE_PRIMARY_METRIC as HELLASWAG_CHAT_PRIMARY_METRIC,
} from '../../scorers/choice/metrics.ts';

/** Score summed continuation log-probs of the four endings; `extracted` holds the picked ending index. */
export function scoreHellaswagLoglikelihood(testCase: HellaswagCase, logprobSums: readonly number[], options?: LoglikelihoodOptions): LoglikelihoodScore {
  return scoreLoglikelihoodChoices(testCase.endings, logprobSums, testCase.label, options);
}

// The gold ending's chat label.
function goldLabel(testCase: HellaswagCase): string {
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
