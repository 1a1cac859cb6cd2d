import type { HumanEvalProblem } from '../humaneval/reader.ts';
import type { MbppProblem } from '../mbpp/reader.ts';

/** One chat message as sent to an OpenAI-compatible server. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

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

const FENCE = '```';

// Add the optional pre-filled assistant fence.
function withPrefill(messages: ChatMessage[], options: CodePromptOptions): ChatMessage[] {
  return options.prefill ? [...messages, { role: 'assistant', content: `${FENCE}python\n` }] : messages;
}

// HumanEval chat prompt after QwenLM qwencoder-eval/instruct/eval_plus: complete the function, answer in a python block.
export function buildHumanEvalMessages(problem: HumanEvalProblem, options: CodePromptOptions = {}): ChatMessage[] {
  return withPrefill(
    [
      { role: 'system', content: QWEN_CODE_SYSTEM_PROMPT },
      { role: 'user', content: `Can you complete the following Python function?\n${FENCE}python\n${problem.prompt.trim()}\n${FENCE}` },
    ],
    options,
  );
}

// MBPP chat prompt (evalplus MBPP style): task text + first assert as the signature hint, in a docstring.
export function buildMbppMessages(problem: MbppProblem, options: CodePromptOptions = {}): ChatMessage[] {
  const task = `"""\n${problem.text.trim()}\n${problem.testList[0] ?? ''}\n"""`;
  return withPrefill(
    [
      { role: 'system', content: QWEN_CODE_SYSTEM_PROMPT },
      {
        role: 'user',
        content: `Please provide a self-contained Python script that solves the following problem in a markdown code block:\n${FENCE}python\n${task}\n${FENCE}`,
      },
    ],
    options,
  );
}
