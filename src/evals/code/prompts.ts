import type { ChatMessage } from '../../shared/chat-message.ts';

/** Options of the Qwen-style code prompts. */
export interface CodePromptOptions {
  /**
   * Append an assistant turn holding an opening ```python fence (Qwen's eval_plus harness
   * pre-fills it). The request must then continue that turn (vLLM `continue_final_message: true`,
   * `add_generation_prompt: false`) and stop at "\n```".
   * @default false
   */
  prefill?: boolean;
}

/** System prompt of Qwen's instruct eval_plus harness. */
export const QWEN_CODE_SYSTEM_PROMPT = 'You are an intelligent programming assistant to produce Python algorithmic solutions';

/** The opening of a Python code block. */
export const PYTHON_FENCE = '```python';

// Qwen's code chat: its system prompt, the user turn, and the optional pre-filled assistant fence.
export function buildQwenCodeMessages(user: string, options: CodePromptOptions = {}): ChatMessage[] {
  const messages: ChatMessage[] = [
    { role: 'system', content: QWEN_CODE_SYSTEM_PROMPT },
    { role: 'user', content: user },
  ];
  return options.prefill ? [...messages, { role: 'assistant', content: `${PYTHON_FENCE}\n` }] : messages;
}
