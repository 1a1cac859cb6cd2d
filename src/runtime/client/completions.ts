import type OpenAI from 'openai';
import { capText, isOverLength, readUsage, type AnswerFacts } from './answer-facts.ts';
import { toTryFailure, UPSTREAM_HEADER } from './classify-error.ts';
import { CACHE_HEADER } from '../../shared/transport/headers.ts';
import { runWithRetries, TryFailedError } from './retry.ts';
import type { ClientRuntime } from './transport.ts';
import { TryClock } from './try-clock.ts';
import { runLeasedTry, type TryRoute } from './leased-try.ts';

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
  /** Extra HTTP headers of this request (the case's `x-session-id`). */
  headers?: Record<string, string>;
}

/** The first choice of a non-streamed completion, with its data-quality facts and timing. */
export interface CompletionResult extends AnswerFacts {
  /** The choice's text (the prompt first with `echo`), cut to the cap when `capped` is set. */
  text: string;
  /** The choice's raw `logprobs` object (`tokens`, `token_logprobs`, `text_offset`, `top_logprobs`), or null. */
  logprobs: unknown;
  /** Always null: the request is not streamed. */
  ttftMs: null;
  /** From the first try's start to the answer, retries and backoff included. @unit milliseconds */
  latencyMs: number;
}

// Send one greedy, non-streamed completions request (retried like a chat) and return its first choice.
export async function requestCompletion(runtime: ClientRuntime, prompt: string, options: CompletionOptions): Promise<CompletionResult> {
  const started = performance.now();
  const { value, tries } = await runWithRetries(() => completeOnce(runtime, prompt, options), {
    maxRetries: runtime.maxRetries,
    signal: options.signal,
  });
  return { ...value, tries, ttftMs: null, latencyMs: performance.now() - started };
}

// One try, under a lease when the client takes them (leased-try.ts): log-likelihood suites send tens of thousands.
function completeOnce(
  runtime: ClientRuntime,
  prompt: string,
  options: CompletionOptions,
): Promise<Omit<CompletionResult, 'tries' | 'ttftMs' | 'latencyMs'>> {
  return runLeasedTry(runtime, options.headers, options.signal, (route) => completeTry(runtime, route, prompt, options));
}

async function completeTry(
  runtime: ClientRuntime,
  route: TryRoute,
  prompt: string,
  options: CompletionOptions,
): Promise<Omit<CompletionResult, 'tries' | 'ttftMs' | 'latencyMs'>> {
  const openai = await (route.direct === null ? runtime.openai() : runtime.openaiTo(route.direct));
  const clock = new TryClock({ transport: route.transport, timeouts: runtime.timeouts, streamed: false, signal: options.signal });
  let response: OpenAI.Completions.Completion;
  let server = route.server;
  let cached = false;
  try {
    const { data, response: raw } = await openai.completions
      .create(
        {
          model: runtime.model,
          prompt,
          max_tokens: options.maxTokens,
          echo: options.echo,
          logprobs: options.logprobs,
          temperature: 0,
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          stream: false,
        },
        { signal: clock.signal, ...(options.headers ? { headers: options.headers } : {}) },
      )
      .withResponse();
    response = data;
    server = raw.headers.get(UPSTREAM_HEADER) ?? server;
    cached = raw.headers.get(CACHE_HEADER) === 'hit';
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw clock.fired ? clock.failure(server, error) : toTryFailure(error, server);
  } finally {
    clock.dispose();
  }
  const choice = response.choices?.[0];
  if (!choice)
    throw new TryFailedError({
      kind: 'malformed',
      server,
      detail: ': a completions answer without any choice; expected an OpenAI `text_completion` object',
    });
  const usage = readUsage(response.usage);
  const { text, capped } = capText(choice.text ?? '', runtime.answerCapChars);
  return {
    text,
    logprobs: choice.logprobs,
    finishReason: choice.finish_reason ?? null,
    usage,
    overLength: isOverLength(usage, options.maxTokens),
    capped,
    ...(cached ? { cached } : {}),
  };
}
