import type { ChatResult } from '../../runtime/client/chat.ts';
import type { MultiScorer } from '../../scorers/scorer.ts';
import type { LongContextCase } from './generate.ts';
import { LONG_CONTEXT_METRICS, LONG_CONTEXT_PRIMARY, LONG_CONTEXT_TASKS } from './metrics.ts';

// RULER's scoring (string_match_all): the share of the expected values that appear in the answer, ignoring case.
// The primary metric averages it over every case of a length; one metric per task averages it over that task's cases.

/**
 * RULER's string_match_all for one answer: found values / expected values, after RULER's clean-up (trimmed, control
 * characters as newlines).
 * @example stringMatchAll('They are 11 and 22.', ['11', '22', '33']) // 2 / 3
 */
export function stringMatchAll(response: string, expected: readonly string[]): { score: number; found: string[] } {
  // RULER turns control characters into newlines before matching.
  const cleaned = [...response.trim()].map((char) => (char.charCodeAt(0) < 0x20 ? '\n' : char)).join('');
  const answer = cleaned.trim().toLowerCase();
  const found = expected.filter((value) => answer.includes(value.toLowerCase()));
  return { score: expected.length === 0 ? 0 : found.length / expected.length, found };
}

/** The suite's scorer: the score under the primary metric and under the case's task; correct only when every value is found. */
export const longContextScorer: MultiScorer<LongContextCase, Pick<ChatResult, 'usage'>> = {
  metrics: LONG_CONTEXT_METRICS,
  fingerprint: 'ruler-string-match-all-v1',
  score: ({ item, response, output }) => {
    const { score, found } = stringMatchAll(response, item.expected);
    const scores: Record<string, number | null> = Object.fromEntries(LONG_CONTEXT_TASKS.map((task) => [task, null]));
    scores[LONG_CONTEXT_PRIMARY] = score;
    scores[item.task] = score;
    const promptTokens = output?.usage?.promptTokens ?? null;
    return {
      scores,
      extracted: { [LONG_CONTEXT_PRIMARY]: found.join(', ') },
      verdict: score === 1 ? 'correct' : 'wrong',
      detail: {
        task: item.task,
        depths: item.depths,
        targetTokens: item.targetTokens,
        // The server's own count against the generator's aim: how well the length landed, with the real tokenizer.
        promptTokens,
        offTarget: promptTokens === null ? null : promptTokens - item.targetTokens,
      },
    };
  },
};
