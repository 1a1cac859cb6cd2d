import { renderTranscript, type ChatMessage } from '../prompts/chat-message.ts';
import type { LoglikelihoodPrompt } from '../prompts/multiple-choice.ts';
import type { LoglikelihoodScore } from '../scoring/loglikelihood/index.ts';
import type { ChatChoiceScore } from '../scoring/multiple-choice/index.ts';
import type { CaseContext, CaseOutcome } from '../suite/define-eval-suite.ts';
import { renderLoglikelihoodPrompt, scoreChoiceLoglikelihoods } from './loglikelihood-request.ts';

// Case runners shared by the multiple-choice suites (ARC-Challenge, HellaSwag).

/** Variants of a multiple-choice suite: a stated label in chat, or lm-eval's log-likelihood over the choices. */
export type ChoiceVariant = 'chat' | 'loglikelihood';

// Ask in chat and score the stated label; unparseable answers keep their own verdict.
export async function runChatChoiceCase(
  messages: ChatMessage[],
  expected: string,
  score: (response: string) => ChatChoiceScore,
  context: CaseContext,
): Promise<CaseOutcome> {
  const answer = await context.client.chat(messages, context.sampling, context.signal);
  const scored = score(answer.text);
  return {
    prompt: renderTranscript(messages),
    response: answer.text,
    expected,
    extracted: scored.extracted,
    scores: scored.scores,
    verdict: scored.verdict,
    // TODO(integrator): usage is null when the server sent none (tokens unknown); counted as 0 here.
    usage: answer.usage ?? { promptTokens: 0, completionTokens: 0 },
    timing: { requests: 1, ttftMs: answer.ttftMs, latencyMs: answer.latencyMs },
    detail: { finishReason: answer.finishReason, extraction: scored.detail.extraction },
  };
}

// Score every choice's continuation (one echo request each, concurrently), then pick by acc and acc_norm.
export async function runLoglikelihoodCase(
  request: LoglikelihoodPrompt,
  labels: readonly string[],
  expected: string,
  score: (sums: readonly number[]) => LoglikelihoodScore,
  context: CaseContext,
): Promise<CaseOutcome> {
  const result = await scoreChoiceLoglikelihoods(context.client, request, { seed: context.sampling.seed, signal: context.signal });
  const scored = score(result.sums);
  return {
    prompt: renderLoglikelihoodPrompt(request),
    response: renderChoiceSums(request, labels, result.sums),
    expected,
    extracted: scored.extracted,
    scores: scored.scores,
    verdict: scored.verdict,
    usage: result.usage,
    timing: { requests: result.requests, ttftMs: null, latencyMs: result.latencyMs },
    detail: { logprobSums: result.sums, continuationTokens: result.tokens },
  };
}

// One line per choice: label, summed log-prob and the per-character value acc_norm compares.
function renderChoiceSums(request: LoglikelihoodPrompt, labels: readonly string[], sums: readonly number[]): string {
  return sums
    .map((sum, i) => {
      const chars = Math.max(1, [...(request.choiceTexts[i] ?? '')].length);
      return `${labels[i] ?? i}) logprob ${sum.toFixed(4)}, per char ${(sum / chars).toFixed(4)}`;
    })
    .join('\n');
}
