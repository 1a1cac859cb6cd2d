import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ChatMessage } from '../../shared/chat-message.ts';
import type { Sampling } from '../../shared/sampling.ts';
import { RequestError } from '../../shared/errors.ts';
import { CappedText, isOverLength, readUsage, type AnswerFacts, type TokenUsage } from './answer-facts.ts';
import { toTryFailure, UPSTREAM_HEADER } from './classify-error.ts';
import { CACHE_HEADER } from '../../shared/transport/headers.ts';
import { requestCompletion, type CompletionOptions, type CompletionResult } from './completions.ts';
import { runWithRetries, TryFailedError } from './retry.ts';
import { createClientRuntime, type ClientRuntime, type EvalClientOptions } from './transport.ts';
import { TryClock } from './try-clock.ts';

export { createOpenAI, type EvalClientOptions } from './transport.ts';
export type { AnswerFacts, TokenUsage } from './answer-facts.ts';

export type { ChatMessage } from '../../shared/chat-message.ts';

/** Sampling sent explicitly on every request (the run's `Sampling`). */
export type SamplingParams = Sampling;

/** One chat answer with its data-quality facts (finish reason, usage or null, over-length, cap, tries) and timings. */
export interface ChatResult extends AnswerFacts {
  /** The answer, cut to the cap when `capped` is set; a reasoning model's reasoning is not part of it. */
  text: string;
  /** A reasoning model's reasoning (vLLM's `reasoning`, split by `--reasoning-parser`); null for other models. */
  reasoning: string | null;
  /** Reasoning tokens when the server reports them (`completion_tokens_details.reasoning_tokens`); else null. */
  reasoningTokens: number | null;
  /** From sending the successful try to its first content chunk; null when not streamed. @unit milliseconds */
  ttftMs: number | null;
  /** From the first try's start to the answer's end, retries and backoff included. @unit milliseconds */
  latencyMs: number;
}

/** The worker-side client: streaming chat with usage and timings, and scored completions. */
export interface EvalClient {
  readonly model: string;
  readonly openai: OpenAI;
  chat(messages: ChatMessage[], sampling: SamplingParams, signal?: AbortSignal): Promise<ChatResult>;
  /** Non-streamed `/v1/completions` at temperature 0 (log-likelihood scoring: `echo`, `logprobs`, `maxTokens` 0). */
  complete(prompt: string, options: CompletionOptions): Promise<CompletionResult>;
}

// Create the client on the openai SDK; by default it talks to the run's dispatcher, which owns concurrency and deadlines.
export function createEvalClient(options: EvalClientOptions): EvalClient {
  const runtime = createClientRuntime(options, 'dispatched');
  return {
    model: options.model,
    openai: runtime.openai,
    chat: (messages, sampling, signal) => streamChat(runtime, messages, sampling, signal),
    complete: (prompt, completion) => requestCompletion(runtime, prompt, completion),
  };
}

async function streamChat(
  runtime: ClientRuntime,
  messages: ChatMessage[],
  sampling: SamplingParams,
  signal: AbortSignal | undefined,
): Promise<ChatResult> {
  const started = performance.now();
  const { value, tries } = await runWithRetries(() => streamChatOnce(runtime, messages, sampling, signal), {
    maxRetries: runtime.maxRetries,
    signal,
  });
  return { ...value, tries, latencyMs: performance.now() - started };
}

type ChatTry = Omit<ChatResult, 'tries' | 'latencyMs'>;

// One streamed try; a server failure becomes a TryFailedError, a caller's abort (or a harness bug) passes through.
async function streamChatOnce(
  runtime: ClientRuntime,
  messages: ChatMessage[],
  sampling: SamplingParams,
  signal: AbortSignal | undefined,
): Promise<ChatTry> {
  const clock = new TryClock({ transport: runtime.transport, timeouts: runtime.timeouts, streamed: true, signal });
  const started = performance.now();
  let server = runtime.server;
  let cached = false;
  let ttftMs: number | null = null;
  let finishReason: string | null = null;
  let usage: TokenUsage | null = null;
  let reasoningTokens: number | null = null;
  const text = new CappedText(runtime.answerCapChars);
  const reasoning = new CappedText(runtime.answerCapChars);
  try {
    const { data: stream, response } = await runtime.openai.chat.completions
      .create(
        {
          model: runtime.model,
          messages: messages as ChatCompletionMessageParam[],
          stream: true,
          stream_options: { include_usage: true },
          temperature: sampling.temperature,
          top_p: sampling.topP,
          seed: sampling.seed,
          max_tokens: sampling.maxTokens,
          ...(sampling.stop?.length ? { stop: sampling.stop } : {}),
          // vLLM extension: Qwen's generation_config sets 1.05, which must not leak into greedy evals.
          ...({ repetition_penalty: 1.0 } as object),
          // Reasoning models: thinking on or off for this run (Qwen3's chat template reads `enable_thinking`).
          ...(runtime.thinking === null ? {} : ({ chat_template_kwargs: { enable_thinking: runtime.thinking } } as object)),
        },
        { signal: clock.signal },
      )
      .withResponse();
    server = response.headers.get(UPSTREAM_HEADER) ?? server;
    cached = response.headers.get(CACHE_HEADER) === 'hit';
    clock.headersReceived();
    for await (const chunk of stream) {
      clock.chunkReceived();
      const choice = chunk.choices[0];
      if (choice) {
        ttftMs ??= performance.now() - started;
        text.append(choice.delta?.content ?? '');
        const delta = choice.delta as { reasoning?: string | null; reasoning_content?: string | null } | undefined;
        reasoning.append(delta?.reasoning ?? delta?.reasoning_content ?? '');
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      if (chunk.usage) {
        usage = readUsage(chunk.usage);
        reasoningTokens = chunk.usage.completion_tokens_details?.reasoning_tokens ?? null;
      }
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    throw clock.fired ? clock.failure(server, error) : toTryFailure(error, server);
  } finally {
    clock.dispose();
  }
  // The SDK ends a stream quietly when its signal aborts: a deadline or the caller.
  if (signal?.aborted) throw signal.reason;
  if (clock.fired) throw clock.failure(server);
  if (finishReason === null) throw new TryFailedError({ kind: 'reset', server, detail: ' (the stream ended without a finish_reason)' });
  const { text: answer, capped } = text.result();
  const thought = reasoning.result().text;
  return {
    text: answer,
    reasoning: runtime.thinking === null && thought === '' ? null : thought,
    reasoningTokens,
    finishReason,
    usage,
    overLength: isOverLength(usage, sampling.maxTokens),
    capped,
    ttftMs,
    ...(cached ? { cached } : {}),
  };
}

// True when the dispatcher reported the launched server dead: no point in further requests.
export function isFatalServerError(error: unknown): boolean {
  return error instanceof RequestError && error.kind === 'server-dead';
}
