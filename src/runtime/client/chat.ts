import type OpenAI from 'openai';
import type { ChatMessage, ToolCall } from '../../shared/chat-message.ts';
import type { Sampling } from '../../shared/sampling.ts';
import type { ReasoningRecord } from '../../shared/records/case-record.ts';
import { RequestError } from '../../shared/errors.ts';
import { CappedText, isOverLength, readUsage, type AnswerFacts, type TokenUsage } from './answer-facts.ts';
import { requestChatOnce } from './chat-plain.ts';
import { buildChatBody, isStreamed, ToolCallAssembler, type ChatOptions } from './chat-request.ts';
import { toTryFailure, UPSTREAM_HEADER } from './classify-error.ts';
import { CACHE_HEADER } from '../../shared/transport/headers.ts';
import { requestCompletion, type CompletionOptions, type CompletionResult } from './completions.ts';
import { countTokens, reasoningOf, reportedReasoningTokens, splitThinking } from './reasoning.ts';
import { runWithRetries, TryFailedError } from './retry.ts';
import { createClientRuntime, type ClientRuntime, type EvalClientOptions } from './transport.ts';
import { type ClientTransport, TryClock } from './try-clock.ts';
import type { ChatStreamTransport } from './chat-stream.ts';
import { runLeasedTry } from './leased-try.ts';

export { createOpenAI, type EvalClientOptions } from './transport.ts';
export type { AnswerFacts, TokenUsage } from './answer-facts.ts';

export type { ChatMessage, ToolCall } from '../../shared/chat-message.ts';
export type { ChatOptions, ChatTool, ResponseFormat, ToolChoice } from './chat-request.ts';

/** Sampling sent explicitly on every request (the run's `Sampling`). */
export type SamplingParams = Sampling;

/** One chat answer with its data-quality facts (finish reason, usage or null, over-length, cap, tries) and timings. */
export interface ChatResult extends AnswerFacts {
  /** The answer, cut to the cap when `capped` is set; a reasoning model's reasoning is never part of it. */
  text: string;
  /** Tool calls the server's parser found (`message.tool_calls`, or streamed deltas put together); [] when none. */
  toolCalls: ToolCall[];
  /** The reasoning taken out of the answer, with its tokens; null when the answer had none. */
  reasoning: ReasoningRecord | null;
  /** From sending the successful try to its first content chunk; null when not streamed. @unit milliseconds */
  ttftMs: number | null;
  /** From the first try's start to the answer's end, retries and backoff included. @unit milliseconds */
  latencyMs: number;
}

/** The worker-side client: streaming chat with usage and timings, and scored completions. */
export interface EvalClient {
  readonly model: string;
  /** The openai SDK's client for this server (loaded on first call), for requests the harness does not make itself. */
  openai(): Promise<OpenAI>;
  /** A chat answer: streamed by default; `options` adds tools, tool choice or a response format. */
  chat(messages: ChatMessage[], sampling: SamplingParams, signal?: AbortSignal, options?: ChatOptions): Promise<ChatResult>;
  /** Non-streamed `/v1/completions` at temperature 0 (log-likelihood scoring: `echo`, `logprobs`, `maxTokens` 0). */
  complete(prompt: string, options: CompletionOptions): Promise<CompletionResult>;
}

// Create the client on the openai SDK; by default it talks to the run's dispatcher, which owns concurrency and deadlines.
export function createEvalClient(options: EvalClientOptions): EvalClient {
  const runtime = createClientRuntime(options, 'dispatched');
  return {
    model: options.model,
    openai: runtime.openai,
    chat: (messages, sampling, signal, options) => sendChat(runtime, messages, sampling, signal, options),
    complete: (prompt, completion) => requestCompletion(runtime, prompt, completion),
  };
}

async function sendChat(
  runtime: ClientRuntime,
  messages: ChatMessage[],
  sampling: SamplingParams,
  signal: AbortSignal | undefined,
  options: ChatOptions | undefined,
): Promise<ChatResult> {
  const started = performance.now();
  const once = isStreamed(options) ? streamChatOnce : requestChatOnce;
  const { value, tries } = await runWithRetries(() => once(runtime, messages, sampling, signal, options), {
    maxRetries: runtime.maxRetries,
    signal,
  });
  const { thought, reportedTokens, ...answer } = value;
  const reasoning = await separateReasoning(runtime, answer.text, thought, reportedTokens, signal);
  return { ...answer, text: reasoning.answer, reasoning: reasoning.record, tries, latencyMs: performance.now() - started };
}

/**
 * The reasoning of an answer as a record, and the answer without it: the server's split, else the harness's; tokens
 * from the server's usage when it reports them, else counted by its tokenizer.
 */
export async function separateReasoning(
  runtime: ClientRuntime,
  content: string,
  thought: { text: string; capped: ReasoningRecord['capped'] },
  reportedTokens: number | null,
  signal?: AbortSignal,
): Promise<{ answer: string; record: ReasoningRecord | null }> {
  const split = splitThinking(content, thought.text, runtime.thinking !== null);
  if (split.reasoning === null || split.splitBy === null) return { answer: content, record: null };
  const byServer = split.splitBy === 'server';
  const tokens = byServer && reportedTokens !== null ? reportedTokens : await countTokens(runtime, split.reasoning, signal);
  return {
    answer: split.answer,
    record: { text: split.reasoning, splitBy: split.splitBy, tokens, capped: byServer ? thought.capped : null },
  };
}

/** One try's answer (before retries and the total latency are known): the content as streamed, the server's reasoning text and reported reasoning tokens apart. */
export type ChatTry = Omit<ChatResult, 'tries' | 'latencyMs' | 'reasoning'> & {
  thought: { text: string; capped: ReasoningRecord['capped'] };
  reportedTokens: number | null;
};

// One streamed try (under a lease when the client takes them, leased-try.ts); a server failure becomes a
// TryFailedError, a caller's abort (or a harness bug) passes through.
function streamChatOnce(
  runtime: ClientRuntime,
  messages: ChatMessage[],
  sampling: SamplingParams,
  signal: AbortSignal | undefined,
  options: ChatOptions | undefined,
): Promise<ChatTry> {
  return runLeasedTry(runtime, options?.headers, signal, (route) =>
    streamChatTry(
      runtime,
      route.direct === null ? runtime.chatStream : runtime.chatStreamTo(route.direct),
      route.transport,
      route.server,
      messages,
      sampling,
      signal,
      options,
    ),
  );
}

async function streamChatTry(
  runtime: ClientRuntime,
  stream: ChatStreamTransport,
  transport: ClientTransport,
  upstream: string,
  messages: ChatMessage[],
  sampling: SamplingParams,
  signal: AbortSignal | undefined,
  options: ChatOptions | undefined,
): Promise<ChatTry> {
  const clock = new TryClock({ transport, timeouts: runtime.timeouts, streamed: true, signal });
  const started = performance.now();
  let server = upstream;
  let cached = false;
  let ttftMs: number | null = null;
  let finishReason: string | null = null;
  let usage: TokenUsage | null = null;
  let reportedTokens: number | null = null;
  const text = new CappedText(runtime.answerCapChars);
  const reasoning = new CappedText(runtime.answerCapChars);
  const toolCalls = new ToolCallAssembler();
  try {
    const response = await stream.post(
      {
        ...buildChatBody(runtime.model, messages, sampling, options, runtime.thinking),
        stream: true,
        stream_options: { include_usage: true },
      },
      { signal: clock.signal, headers: options?.headers },
    );
    server = response.header(UPSTREAM_HEADER) ?? server;
    cached = response.header(CACHE_HEADER) === 'hit';
    clock.headersReceived();
    await response.read((chunk) => {
      clock.chunkReceived();
      const choice = chunk.choices[0];
      if (choice) {
        ttftMs ??= performance.now() - started;
        text.append(choice.delta?.content ?? '');
        reasoning.append(reasoningOf(choice.delta));
        toolCalls.add(choice.delta?.tool_calls);
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      if (chunk.usage) {
        usage = readUsage(chunk.usage);
        reportedTokens = reportedReasoningTokens(chunk.usage);
      }
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    if (clock.fired) throw clock.failure(server, error);
    const failure = toTryFailure(error, server);
    // Sent directly, a dropped connection says where, as the dispatcher's proxy says it.
    if (transport === 'direct' && failure instanceof TryFailedError && failure.failure.kind === 'reset') throw locateReset(failure, clock);
    throw failure;
  } finally {
    clock.dispose();
  }
  // A stream ends quietly when its signal aborts: a deadline or the caller.
  if (signal?.aborted) throw signal.reason;
  if (clock.fired) throw clock.failure(server);
  if (finishReason === null) throw new TryFailedError({ kind: 'reset', server, detail: ' (the stream ended without a finish_reason)' });
  const { text: answer, capped } = text.result();
  return {
    text: answer,
    toolCalls: toolCalls.calls(),
    thought: reasoning.result(),
    reportedTokens,
    finishReason,
    usage,
    overLength: isOverLength(usage, sampling.maxTokens),
    capped,
    ttftMs,
    ...(cached ? { cached } : {}),
  };
}

// A reset with where it happened: before the response headers, or mid-stream after so many chunks.
function locateReset(error: TryFailedError, clock: TryClock): TryFailedError {
  const where = clock.started ? ` mid-stream after ${clock.chunks} chunks` : ' before the response headers';
  return new TryFailedError({ ...error.failure, detail: `${where}${error.failure.detail ?? ''}` }, error.retryAfterMs, error.shouldRetry, {
    cause: error.cause,
  });
}

// True when the dispatcher reported the launched server dead: no point in further requests.
export function isFatalServerError(error: unknown): boolean {
  return error instanceof RequestError && error.kind === 'server-dead';
}
