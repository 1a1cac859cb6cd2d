import type OpenAI from 'openai';
import { MalformedResponseError } from '../../shared/errors.ts';
import { toRequestError } from './chat.ts';

/** Options of one `/v1/completions` request. */
export interface CompletionOptions {
  /** Tokens to generate; 0 with `echo` scores the prompt only (lm-eval's log-likelihood request). */
  maxTokens: number;
  /** Return the prompt (and, with `logprobs`, its token log-probs) before the completion. */
  echo: boolean;
  /** Top log-probs per position; 1 is enough to get every token's own log-prob. */
  logprobs: number;
  /** Per-request sampling seed. @default none */
  seed?: number;
  signal?: AbortSignal;
}

/** The first choice of a non-streamed completion, with usage and timing. */
export interface CompletionResult {
  text: string;
  /** The choice's raw `logprobs` object (`tokens`, `token_logprobs`, `text_offset`, `top_logprobs`), or null. */
  logprobs: unknown;
  finishReason: string | null;
  promptTokens: number;
  completionTokens: number;
  /** Always null: the request is not streamed. */
  ttftMs: null;
  latencyMs: number;
}

// Send one greedy, non-streamed completions request and return its first choice.
export async function requestCompletion(
  openai: OpenAI,
  target: { baseUrl: string; model: string },
  prompt: string,
  options: CompletionOptions,
): Promise<CompletionResult> {
  const started = performance.now();
  let response: OpenAI.Completions.Completion;
  try {
    response = await openai.completions.create(
      {
        model: target.model,
        prompt,
        max_tokens: options.maxTokens,
        echo: options.echo,
        logprobs: options.logprobs,
        temperature: 0,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        stream: false,
      },
      { signal: options.signal },
    );
  } catch (error) {
    throw toRequestError(error, target.baseUrl);
  }
  const choice = response.choices[0];
  if (!choice || !response.usage) {
    throw new MalformedResponseError(
      `Server ${target.baseUrl} answered a completions request without ${choice ? '`usage`' : 'any choice'}; expected an OpenAI \`text_completion\` object.`,
    );
  }
  return {
    text: choice.text,
    logprobs: choice.logprobs,
    finishReason: choice.finish_reason ?? null,
    promptTokens: response.usage.prompt_tokens,
    completionTokens: response.usage.completion_tokens,
    ttftMs: null,
    latencyMs: performance.now() - started,
  };
}
