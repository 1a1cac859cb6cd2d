import type { ChatMessage } from '../../shared/chat-message.ts';
import { buildQwenCodeMessages, type CodePromptOptions } from '../code/prompts.ts';
import type { HumanEvalProblem } from './reader.ts';

const FENCE = '```';

// HumanEval chat prompt after QwenLM qwencoder-eval/instruct/eval_plus: complete the function, answer in a python block.
export function buildHumanEvalMessages(problem: HumanEvalProblem, options: CodePromptOptions = {}): ChatMessage[] {
  return buildQwenCodeMessages(
    `Can you complete the following Python function?\n${FENCE}python\n${problem.prompt.trim()}\n${FENCE}`,
    options,
  );
}
