import type { ChatMessage } from '../../shared/chat-message.ts';
import type { IfevalPrompt } from './read-input.ts';

// IFEval sends each prompt as it is, as the only user turn (lm-evaluation-harness `ifeval`, 0-shot, chat template).

/** Output tokens per answer: lm-evaluation-harness's `max_gen_toks` for IFEval. */
export const IFEVAL_MAX_TOKENS = 1280;

/** The chat messages of one prompt: the prompt text alone, no system message. */
export function buildIfevalMessages(prompt: Pick<IfevalPrompt, 'prompt'>): ChatMessage[] {
  return [{ role: 'user', content: prompt.prompt }];
}
