import type OpenAI from 'openai';
import type { ChatMessage } from '../../shared/chat-message.ts';
import type { Sampling } from '../../shared/sampling.ts';
import { capText, isOverLength, readUsage } from './answer-facts.ts';
import type { ChatTry } from './chat.ts';
import { buildChatBody, readToolCalls, type ChatOptions } from './chat-request.ts';
import { toTryFailure, UPSTREAM_HEADER } from './classify-error.ts';
import { reasoningOf, reportedReasoningTokens } from './reasoning.ts';
import { TryFailedError } from './retry.ts';
import type { ClientRuntime } from './transport.ts';
import { TryClock } from './try-clock.ts';

// One non-streamed chat try (requests with tools by default): the whole message at once, so `content` keeps text a
// tool parser could not read.
export async function requestChatOnce(
  runtime: ClientRuntime,
  messages: ChatMessage[],
  sampling: Sampling,
  signal: AbortSignal | undefined,
  options: ChatOptions | undefined,
): Promise<ChatTry> {
  const openai = await runtime.openai();
  const clock = new TryClock({ transport: runtime.transport, timeouts: runtime.timeouts, streamed: false, signal });
  let server = runtime.server;
  let response: OpenAI.Chat.Completions.ChatCompletion;
  try {
    const { data, response: raw } = await openai.chat.completions
      .create(
        { ...buildChatBody(runtime.model, messages, sampling, options, runtime.thinking), stream: false },
        { signal: clock.signal, ...(options?.headers ? { headers: options.headers } : {}) },
      )
      .withResponse();
    response = data;
    server = raw.headers.get(UPSTREAM_HEADER) ?? server;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw clock.fired ? clock.failure(server, error) : toTryFailure(error, server);
  } finally {
    clock.dispose();
  }
  const choice = response.choices?.[0];
  if (!choice) {
    throw new TryFailedError({
      kind: 'malformed',
      server,
      detail: ': a chat completion without any choice; expected an OpenAI `chat.completion` object',
    });
  }
  const usage = readUsage(response.usage);
  const { text, capped } = capText(choice.message?.content ?? '', runtime.answerCapChars);
  return {
    text,
    toolCalls: readToolCalls(choice.message?.tool_calls),
    thought: capText(reasoningOf(choice.message), runtime.answerCapChars),
    reportedTokens: reportedReasoningTokens(response.usage),
    finishReason: choice.finish_reason ?? null,
    usage,
    overLength: isOverLength(usage, sampling.maxTokens),
    capped,
    ttftMs: null,
  };
}
