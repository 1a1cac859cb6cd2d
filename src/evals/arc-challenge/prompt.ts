import type { ArcCase } from './reader.ts';
import type { ChatMessage } from '../../shared/chat-message.ts';
import { buildLoglikelihoodPrompt, type LoglikelihoodPrompt } from '../../scorers/loglikelihood/prompt.ts';
import { buildMultipleChoiceMessages, type MultipleChoicePromptOptions } from '../multiple-choice/prompt.ts';

/** Chat prompt for an ARC question: options listed with the dataset's labels, answer as `Answer: <label>`. */
export function buildArcChatMessages(testCase: ArcCase, options?: MultipleChoicePromptOptions): ChatMessage[] {
  return buildMultipleChoiceMessages(testCase.question, testCase.choices, options);
}

/** lm-eval `arc_challenge` request: context `Question: {q}\nAnswer:`, continuation ` {choice text}`. */
export function buildArcLoglikelihoodPrompt(testCase: ArcCase): LoglikelihoodPrompt {
  return buildLoglikelihoodPrompt(
    `Question: ${testCase.question}\nAnswer:`,
    testCase.choices.map((c) => c.text),
  );
}
