// The OpenAI chat message shape our prompt builders return (a subset of `ChatCompletionMessageParam`).

/** One chat turn. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * Render messages as the human-readable transcript stored in a case record (`role: content`, blank line between).
 * @example renderTranscript([{ role: 'user', content: 'Hi' }]) // 'user: Hi'
 */
export function renderTranscript(messages: readonly ChatMessage[]): string {
  return messages.map((m) => `${m.role}: ${m.content}`).join('\n\n');
}
