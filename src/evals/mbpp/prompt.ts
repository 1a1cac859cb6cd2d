import type { ChatMessage } from '../../shared/chat-message.ts';
import { buildQwenCodeMessages, type CodePromptOptions } from '../code/prompts.ts';
import type { MbppProblem } from './reader.ts';

const FENCE = '```';

// MBPP chat prompt (evalplus MBPP style): task text + first assert as the signature hint, in a docstring.
export function buildMbppMessages(problem: MbppProblem, options: CodePromptOptions = {}): ChatMessage[] {
  const task = `"""\n${problem.text.trim()}\n${problem.testList[0] ?? ''}\n"""`;
  return buildQwenCodeMessages(
    `Please provide a self-contained Python script that solves the following problem in a markdown code block:\n${FENCE}python\n${task}\n${FENCE}`,
    options,
  );
}
