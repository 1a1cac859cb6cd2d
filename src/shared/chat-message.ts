// The chat message shape every prompt builder returns and the client sends (a subset of OpenAI's
// `ChatCompletionMessageParam`, kept to plain data so it can be hashed, recorded and replayed).

/** A tool call the model made, as the OpenAI API returns it. */
export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** One chat turn. */
export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ToolCall[] }
  | { role: 'tool'; content: string; tool_call_id: string };

/**
 * Render messages as the human-readable transcript stored in a case record (`role: content`, blank line between).
 * @example renderTranscript([{ role: 'user', content: 'Hi' }]) // 'user: Hi'
 */
export function renderTranscript(messages: readonly ChatMessage[]): string {
  return messages.map(renderMessage).join('\n\n');
}

function renderMessage(message: ChatMessage): string {
  if (message.role === 'assistant' && message.tool_calls?.length) {
    const calls = message.tool_calls.map((c) => `${c.function.name}(${c.function.arguments})`).join('; ');
    return `assistant: ${message.content ?? ''}${message.content ? '\n' : ''}[tool calls] ${calls}`;
  }
  if (message.role === 'tool') return `tool (${message.tool_call_id}): ${message.content}`;
  return `${message.role}: ${message.content ?? ''}`;
}
