import OpenAI, { APIError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { MalformedResponseError, RequestError } from '../../shared/errors.ts';
import { requestCompletion, type CompletionOptions, type CompletionResult } from './completions.ts';

export type ChatMessage = ChatCompletionMessageParam;

/** Sampling sent explicitly on every request: vLLM would otherwise apply the model's generation_config. */
export interface SamplingParams {
  temperature: number;
  topP: number;
  seed: number;
  maxTokens: number;
  stop?: string[];
}

export interface ChatResult {
  text: string;
  finishReason: string | null;
  promptTokens: number;
  completionTokens: number;
  /** Milliseconds from sending to the first content chunk. */
  ttftMs: number | null;
  latencyMs: number;
}

export interface EvalClientOptions {
  baseUrl: string;
  model: string;
  apiKey?: string | null;
  /** Retries on 408/409/429/5xx and connection errors, exponential backoff. @default 2 */
  maxRetries?: number;
  /** Per-request timeout. @unit milliseconds @default 600000 */
  timeoutMs?: number;
}

/** The worker-side client: streaming chat with usage and timings, and scored completions. */
export interface EvalClient {
  readonly model: string;
  readonly openai: OpenAI;
  chat(messages: ChatMessage[], sampling: SamplingParams, signal?: AbortSignal): Promise<ChatResult>;
  /** Non-streamed `/v1/completions` at temperature 0 (log-likelihood scoring: `echo`, `logprobs`, `maxTokens` 0). */
  complete(prompt: string, options: CompletionOptions): Promise<CompletionResult>;
}

// The SDK instance for an OpenAI-compatible base URL, with the harness's retry and timeout defaults.
export function createOpenAI(options: EvalClientOptions): OpenAI {
  return new OpenAI({
    baseURL: `${options.baseUrl}/v1`,
    apiKey: options.apiKey ?? 'EMPTY',
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeoutMs ?? 600_000,
  });
}

// Create the client on the openai SDK; the dispatcher behind baseUrl owns concurrency.
export function createEvalClient(options: EvalClientOptions): EvalClient {
  const openai = createOpenAI(options);
  return {
    model: options.model,
    openai,
    chat: (messages, sampling, signal) => streamChat(openai, options, messages, sampling, signal),
    complete: (prompt, completion) => requestCompletion(openai, options, prompt, completion),
  };
}

async function streamChat(
  openai: OpenAI,
  options: EvalClientOptions,
  messages: ChatMessage[],
  sampling: SamplingParams,
  signal: AbortSignal | undefined,
): Promise<ChatResult> {
  const started = performance.now();
  let ttftMs: number | null = null;
  let text = '';
  let finishReason: string | null = null;
  let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
  try {
    const stream = await openai.chat.completions.create(
      {
        model: options.model,
        messages,
        stream: true,
        stream_options: { include_usage: true },
        temperature: sampling.temperature,
        top_p: sampling.topP,
        seed: sampling.seed,
        max_tokens: sampling.maxTokens,
        ...(sampling.stop?.length ? { stop: sampling.stop } : {}),
        // vLLM extension: Qwen's generation_config sets 1.05, which must not leak into greedy evals.
        ...({ repetition_penalty: 1.0 } as object),
      },
      { signal },
    );
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice) {
        if (ttftMs === null) ttftMs = performance.now() - started;
        text += choice.delta?.content ?? '';
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      if (chunk.usage) usage = chunk.usage;
    }
  } catch (error) {
    throw toRequestError(error, options.baseUrl);
  }
  if (!usage) {
    throw new MalformedResponseError(
      `Server ${options.baseUrl} ended a streamed chat completion without a usage chunk although stream_options.include_usage was set.`,
    );
  }
  return {
    text,
    finishReason,
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    ttftMs,
    latencyMs: performance.now() - started,
  };
}

// Name the server and status; the dispatcher's fatal errors carry the dead server's log lines.
export function toRequestError(error: unknown, baseUrl: string): RequestError {
  if (error instanceof RequestError) return error;
  if (error instanceof APIError) {
    const body = error.error as { message?: string } | undefined;
    const message = body?.message ?? error.message;
    return new RequestError(baseUrl, `Request to ${baseUrl} failed with HTTP ${error.status ?? 'no status'}: ${message}`, {
      cause: error,
      ...(error.status !== undefined ? { status: error.status } : {}),
    });
  }
  return new RequestError(baseUrl, `Request to ${baseUrl} failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}

// True when the dispatcher reported the server dead: no point in further requests.
export function isFatalServerError(error: unknown): boolean {
  if (!(error instanceof RequestError)) return false;
  const cause = error.cause;
  return cause instanceof APIError && cause.headers?.get?.('x-eval-fatal') === '1';
}
