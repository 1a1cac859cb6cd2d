import type { HellaswagCase } from './reader.ts';
import type { ChatMessage } from '../../shared/chat-message.ts';
import { buildLoglikelihoodPrompt, type LoglikelihoodPrompt } from '../../scorers/loglikelihood/prompt.ts';
import type { Choice } from '../../scorers/choice/extract-choice.ts';
import { buildMultipleChoiceMessages, type MultipleChoicePromptOptions } from '../multiple-choice/prompt.ts';

/** Labels given to HellaSwag's four endings in chat mode (the dataset has none). */
export const HELLASWAG_LABELS = ['A', 'B', 'C', 'D'] as const;

/** Preamble of the chat prompt. */
export const HELLASWAG_PREAMBLE = 'Which ending is the most plausible continuation of the following text?';

/** The four endings as labelled choices `A`-`D`. */
export function labelHellaswagEndings(testCase: Pick<HellaswagCase, 'endings'>): Choice[] {
  return testCase.endings.map((text, i) => ({ label: HELLASWAG_LABELS[i] ?? String(i), text }));
}

/** Chat prompt: the query as the question, endings labelled `A`-`D`. */
export function buildHellaswagChatMessages(testCase: HellaswagCase, options?: MultipleChoicePromptOptions): ChatMessage[] {
  return buildMultipleChoiceMessages(testCase.query, labelHellaswagEndings(testCase), { preamble: HELLASWAG_PREAMBLE, ...options });
}

/** lm-eval `hellaswag` request: the preprocessed query as context, ` {ending}` as continuations. */
export function buildHellaswagLoglikelihoodPrompt(testCase: HellaswagCase): LoglikelihoodPrompt {
  return buildLoglikelihoodPrompt(testCase.query, testCase.endings);
}
