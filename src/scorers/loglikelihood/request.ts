import type { EvalClient } from '../../runtime/client/chat.ts';
import { sumContinuationLogprobs } from './echo-logprobs.ts';
import type { LoglikelihoodPrompt } from './prompt.ts';

/** Summed continuation log-probs of every choice. */
export interface ChoiceLoglikelihoods {
  /** Per choice, in choice order. */
  sums: number[];
  /** Continuation tokens counted per choice. */
  tokens: number[];
}

// One echo+logprobs request per choice (prompt = context + continuation, nothing generated), sent concurrently.
export async function scoreChoiceLoglikelihoods(
  client: Pick<EvalClient, 'complete'>,
  request: LoglikelihoodPrompt,
  options: { seed?: number; signal?: AbortSignal },
): Promise<ChoiceLoglikelihoods> {
  // text_offset counts code points on vLLM; the scorer locates the continuation by it.
  const contextLength = [...request.context].length;
  const results = await Promise.all(
    request.continuations.map(async (continuation) => {
      const prompt = request.context + continuation;
      const result = await client.complete(prompt, {
        maxTokens: 0,
        echo: true,
        logprobs: 1,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return sumContinuationLogprobs(result.logprobs, { contextLength, promptLength: [...prompt].length });
    }),
  );
  return { sums: results.map((r) => r.sum), tokens: results.map((r) => r.tokens) };
}

// Rendered log-likelihood requests for the case record: the context once, then each continuation.
export function renderLoglikelihoodPrompt(request: LoglikelihoodPrompt): string {
  return [request.context, ...request.continuations.map((c, i) => `[choice ${i}]${c}`)].join('\n');
}

// One line per choice: label, summed log-prob and the per-character value acc_norm compares.
export function renderChoiceSums(request: LoglikelihoodPrompt, labels: readonly string[], sums: readonly number[]): string {
  return sums
    .map((sum, i) => {
      const chars = Math.max(1, [...(request.choiceTexts[i] ?? '')].length);
      return `${labels[i] ?? i}) logprob ${sum.toFixed(4)}, per char ${(sum / chars).toFixed(4)}`;
    })
    .join('\n');
}
