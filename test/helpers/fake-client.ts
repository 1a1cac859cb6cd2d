import type { ChatMessage, ChatResult, EvalClient, SamplingParams } from '../../src/runtime/client/chat.ts';
import type { CompletionOptions, CompletionResult } from '../../src/runtime/client/completions.ts';
import type { CaseContext } from '../../src/runtime/define-eval-suite.ts';

// A scripted EvalClient: no HTTP, every request recorded.

export interface ChatCall {
  messages: ChatMessage[];
  sampling: SamplingParams;
}

export interface CompleteCall {
  prompt: string;
  options: CompletionOptions;
}

export interface FakeClient extends EvalClient {
  chats: ChatCall[];
  completes: CompleteCall[];
  /** Completions requests in flight at the moment the last one was sent. */
  maxConcurrent: number;
}

export const SAMPLING: SamplingParams = { temperature: 0, topP: 1, seed: 1234, maxTokens: 1024 };

// Chat answers from `answer`; completions echo the prompt as [context, continuation] tokens with `logprobOf`'s sum.
export function createFakeClient(handlers: {
  answer?: (messages: ChatMessage[]) => string;
  logprobOf?: (prompt: string) => { contextLength: number; sum: number };
}): FakeClient {
  let inFlight = 0;
  const client: FakeClient = {
    model: 'fake',
    openai: undefined as never,
    chats: [],
    completes: [],
    maxConcurrent: 0,
    async chat(messages, sampling): Promise<ChatResult> {
      client.chats.push({ messages, sampling });
      const text = handlers.answer?.(messages) ?? '';
      return { text, finishReason: 'stop', usage: { promptTokens: 10, completionTokens: 5 }, overLength: false, capped: null, tries: 1, ttftMs: 1, latencyMs: 2 };
    },
    async complete(prompt, options): Promise<CompletionResult> {
      client.completes.push({ prompt, options });
      inFlight++;
      client.maxConcurrent = Math.max(client.maxConcurrent, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      const { contextLength, sum } = handlers.logprobOf!(prompt);
      // Context as one token (first prompt token: null), continuation split in two tokens sharing the sum.
      const continuation = prompt.slice(contextLength);
      const half = Math.ceil(continuation.length / 2);
      return {
        text: prompt,
        logprobs: {
          tokens: [prompt.slice(0, contextLength), continuation.slice(0, half), continuation.slice(half)],
          token_logprobs: [null, sum / 2, sum / 2],
          text_offset: [0, contextLength, contextLength + half],
        },
        finishReason: 'length',
        usage: { promptTokens: 7, completionTokens: 0 },
        overLength: false,
        capped: null,
        tries: 1,
        ttftMs: null,
        latencyMs: 3,
      };
    },
  };
  return client;
}

export function caseContext(client: EvalClient): CaseContext {
  return { client, sampling: SAMPLING, signal: new AbortController().signal };
}
