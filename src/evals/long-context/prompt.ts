import type { ChatMessage } from '../../shared/chat-message.ts';

// RULER's wording (NVIDIA/RULER task templates, as lm-evaluation-harness ships them), sent as one user turn after a
// short system prompt; RULER's answer prefix is left out: chat models answer in their own words and scoring only looks
// for the expected values.

/** System prompt: fixed, so the chat template's overhead is the same for every Qwen model. */
export const LONG_CONTEXT_SYSTEM_PROMPT = 'You are a helpful assistant.';

/** Header of a retrieval task asking for one value, or for several. */
export function niahHeader(plural: boolean): string {
  return plural
    ? 'Some special magic numbers are hidden within the following text. Make sure to memorize it. I will quiz you about the numbers afterwards.'
    : 'A special magic number is hidden within the following text. Make sure to memorize it. I will quiz you about the number afterwards.';
}

/** Question of a retrieval task about one key or several (`a, b, and c`). */
export function niahQuestion(keys: readonly string[], plural: boolean): string {
  const query = keys.length > 1 ? `${keys.slice(0, -1).join(', ')}, and ${keys.at(-1)}` : keys[0];
  return plural
    ? `What are all the special magic numbers for ${query} mentioned in the provided text?`
    : `What is the special magic number for ${query} mentioned in the provided text?`;
}

/** A retrieval needle. */
export function niahNeedle(key: string, value: string): string {
  return `One of the special magic numbers for ${key} is: ${value}.`;
}

/** Header of variable tracking. */
export const VT_HEADER = 'Memorize and track the chain(s) of variable assignment hidden in the following text.';

/** Question of variable tracking. */
export function vtQuestion(value: string): string {
  return `Question: Find all variables that are assigned the value ${value} in the text above.`;
}

/** Messages of one case: the system prompt, then header, context and question in one user turn. */
export function buildLongContextMessages(parts: { header: string; context: string; question: string }): ChatMessage[] {
  return [
    { role: 'system', content: LONG_CONTEXT_SYSTEM_PROMPT },
    { role: 'user', content: `${parts.header}\n${parts.context}\n${parts.question}` },
  ];
}
