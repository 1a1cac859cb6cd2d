import type { Gsm8kCase } from './reader.ts';
import type { ChatMessage } from '../../shared/chat-message.ts';

// GSM8K chat prompts in Qwen's own math style (QwenLM/Qwen2.5-Math `qwen-boxed` template).

/** System prompt of the Qwen math harness (also stops Qwen2.5's template from injecting its default one). */
export const GSM8K_SYSTEM_PROMPT = 'You are a helpful assistant.';

/** Instruction appended to every question, on its own line. */
export const GSM8K_INSTRUCTION = 'Please reason step by step, and put your final answer within \\boxed{}.';

/** Number of few-shot exemplars, taken from the start of train.jsonl. */
export const GSM8K_FEW_SHOT_COUNT = 8;

// The user turn for one question.
function buildUserTurn(question: string): ChatMessage {
  return { role: 'user', content: `${question}\n${GSM8K_INSTRUCTION}` };
}

/**
 * Rewrite a reference solution as a chat answer: calculator annotations removed and the `#### N` line replaced by
 * a sentence ending in `\boxed{N}` (thousands separators dropped).
 * @example rewriteGsm8kSolution('2 * 3 = <<2*3=6>>6 eggs\n#### 6') // '2 * 3 = 6 eggs\nThe final answer is \\boxed{6}.'
 */
export function rewriteGsm8kSolution(testCase: Pick<Gsm8kCase, 'solution' | 'gold'>): string {
  const cut = testCase.solution.lastIndexOf('####');
  const rationale = testCase.solution
    .slice(0, cut)
    .replace(/<<[^>]*>>/g, '')
    .trimEnd();
  return `${rationale}\nThe final answer is \\boxed{${testCase.gold.replace(/,/g, '')}}.`;
}

/** 0-shot chain-of-thought messages: system prompt, then the question with the boxed-answer instruction. */
export function buildGsm8kZeroShotMessages(testCase: Pick<Gsm8kCase, 'question'>): ChatMessage[] {
  return [{ role: 'system', content: GSM8K_SYSTEM_PROMPT }, buildUserTurn(testCase.question)];
}

/**
 * Few-shot messages: the first `GSM8K_FEW_SHOT_COUNT` train problems as alternating user/assistant turns (answers
 * rewritten to end in `\boxed{N}`), then the question.
 * @param train Cases read from train.jsonl, in file order.
 */
export function buildGsm8kFewShotMessages(
  testCase: Pick<Gsm8kCase, 'question'>,
  train: readonly Gsm8kCase[],
  shots = GSM8K_FEW_SHOT_COUNT,
): ChatMessage[] {
  if (train.length < shots) {
    throw new RangeError(`\`train\` has ${train.length} cases; the ${shots}-shot prompt needs at least ${shots}.`);
  }
  const exemplars = train
    .slice(0, shots)
    .flatMap((shot): ChatMessage[] => [buildUserTurn(shot.question), { role: 'assistant', content: rewriteGsm8kSolution(shot) }]);
  return [{ role: 'system', content: GSM8K_SYSTEM_PROMPT }, ...exemplars, buildUserTurn(testCase.question)];
}
