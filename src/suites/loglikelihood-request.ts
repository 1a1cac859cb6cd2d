import type { EvalClient } from '../client/chat.ts';
import type { LoglikelihoodPrompt } from '../prompts/multiple-choice.ts';
import { sumContinuationLogprobs } from '../scoring/loglikelihood/index.ts';
import type { Usage } from '../records/case-record.ts';

/** Summed continuation log-probs of every choice, and what the requests cost. */
export interface ChoiceLoglikelihoods {
  /** Per choice, in choice order. */
  sums: number[];
  /** Continuation tokens counted per choice. */
  tokens: number[];
  usage: Usage;
  requests: number;
  /** Wall time of the case's requests (sent concurrently). @unit milliseconds */
  latencyMs: number;
}

// One echo+logprobs request per choice (prompt = context + continuation, nothing generated), sent concurrently.
export async function scoreChoiceLoglikelihoods(
  client: Pick<EvalClient, 'complete'>,
  request: LoglikelihoodPrompt,
  options: { seed?: number; signal?: AbortSignal },
): Promise<ChoiceLoglikelihoods> {
  const started = performance.now();
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
      const span = { contextLength, promptLength: [...prompt].length };
      return { result, logprob: sumContinuationLogprobs(result.logprobs, span) };
    }),
  );
  return {
    sums: results.map((r) => r.logprob.sum),
    tokens: results.map((r) => r.logprob.tokens),
    // TODO(integrator): usage is null when the server sent none (tokens unknown); counted as 0 here.
    usage: {
      promptTokens: results.reduce((n, r) => n + (r.result.usage?.promptTokens ?? 0), 0),
      completionTokens: results.reduce((n, r) => n + (r.result.usage?.completionTokens ?? 0), 0),
    },
    requests: results.length,
    latencyMs: performance.now() - started,
  };
}

// Rendered log-likelihood requests for the case record: the context once, then each continuation.
export function renderLoglikelihoodPrompt(request: LoglikelihoodPrompt): string {
  return [request.context, ...request.continuations.map((c, i) => `[choice ${i}]${c}`)].join('\n');
}
