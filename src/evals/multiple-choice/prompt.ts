import type { Choice } from '../../scorers/choice/extract-choice.ts';
import type { ChatMessage } from '../../shared/chat-message.ts';

// The chat prompt of multiple-choice datasets (ARC-Challenge, HellaSwag): simple-evals' template asking for the label.

/** Default system prompt of the chat mode; pass `systemPrompt: null` to send none (Qwen then injects its own). */
export const MULTIPLE_CHOICE_SYSTEM_PROMPT = 'You are a helpful assistant.';

/** Options of `buildMultipleChoiceMessages`. */
export interface MultipleChoicePromptOptions {
  /** Text shown before the question, e.g. HellaSwag's "which ending is most plausible". @default none */
  preamble?: string;
  /** @default MULTIPLE_CHOICE_SYSTEM_PROMPT; null sends no system message */
  systemPrompt?: string | null;
}

/**
 * simple-evals' multiple-choice template with the dataset's own labels: think step by step, last line
 * `Answer: <label>`, then the question and one `<label>) <text>` line per option.
 */
export function buildMultipleChoiceMessages(
  question: string,
  choices: readonly Choice[],
  options: MultipleChoicePromptOptions = {},
): ChatMessage[] {
  const labels = choices.map((c) => c.label);
  const instruction =
    `Answer the following multiple choice question. The last line of your response should be of the following format: ` +
    `'Answer: $LABEL' (without quotes) where LABEL is one of ${labels.join(', ')}. Think step by step before answering.`;
  const body = [instruction, options.preamble, question, choices.map((c) => `${c.label}) ${c.text}`).join('\n')]
    .filter((part): part is string => part !== undefined && part !== '')
    .join('\n\n');
  const system = options.systemPrompt === undefined ? MULTIPLE_CHOICE_SYSTEM_PROMPT : options.systemPrompt;
  const messages: ChatMessage[] = system === null ? [] : [{ role: 'system', content: system }];
  messages.push({ role: 'user', content: body });
  return messages;
}
