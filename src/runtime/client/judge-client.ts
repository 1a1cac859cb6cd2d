import type OpenAI from 'openai';
import { capText, isOverLength, readUsage } from './answer-facts.ts';
import { separateReasoning, type ChatMessage, type ChatResult, type EvalClient, type SamplingParams } from './chat.ts';
import { reasoningOf, reportedReasoningTokens } from './reasoning.ts';
import { toTryFailure } from './classify-error.ts';
import { runWithRetries, TryFailedError } from './retry.ts';
import { createClientRuntime, type ClientRuntime, type EvalClientOptions } from './transport.ts';
import { TryClock } from './try-clock.ts';

/** A chat client for an external judge. */
export type JudgeChatClient = Pick<EvalClient, 'model' | 'chat'>;

// Client of an external OpenAI-compatible judge: non-streamed chat with standard fields only, since hosted APIs
// reject vLLM extensions such as `repetition_penalty` that the evaluated server's client sends. It talks to the
// judge directly (not through the dispatcher), so it enforces the request timeout itself.
export function createJudgeClient(options: EvalClientOptions): JudgeChatClient {
  const runtime = createClientRuntime(options, 'direct');
  return {
    model: options.model,
    chat: async (messages, sampling, signal) => {
      const started = performance.now();
      const { value, tries } = await runWithRetries(() => requestChatOnce(runtime, messages, sampling, signal), {
        maxRetries: runtime.maxRetries,
        signal,
      });
      // A judge that reasons must be graded on its verdict, not on ratings it drafted while thinking.
      const { thought, reportedTokens, ...answer } = value;
      const reasoning = await separateReasoning(runtime, answer.text, thought, reportedTokens, signal);
      return { ...answer, text: reasoning.answer, reasoning: reasoning.record, tries, latencyMs: performance.now() - started };
    },
  };
}

async function requestChatOnce(
  runtime: ClientRuntime,
  messages: ChatMessage[],
  sampling: SamplingParams,
  signal: AbortSignal | undefined,
): Promise<Omit<ChatResult, 'tries' | 'latencyMs' | 'reasoning'> & { thought: ReturnType<typeof capText>; reportedTokens: number | null }> {
  const openai = await runtime.openai();
  const clock = new TryClock({ transport: runtime.transport, timeouts: runtime.timeouts, streamed: false, signal });
  let response: OpenAI.Chat.Completions.ChatCompletion;
  try {
    response = await openai.chat.completions.create(
      {
        model: runtime.model,
        messages,
        stream: false,
        temperature: sampling.temperature,
        top_p: sampling.topP,
        seed: sampling.seed,
        max_tokens: sampling.maxTokens,
      },
      { signal: clock.signal },
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    throw clock.fired ? clock.failure(runtime.server, error) : toTryFailure(error, runtime.server);
  } finally {
    clock.dispose();
  }
  const choice = response.choices?.[0];
  if (!choice) throw new TryFailedError({ kind: 'malformed', server: runtime.server, detail: ': a chat completion without any choice' });
  const usage = readUsage(response.usage);
  const { text, capped } = capText(choice.message?.content ?? '', runtime.answerCapChars);
  return {
    text,
    toolCalls: [],
    thought: capText(reasoningOf(choice.message), runtime.answerCapChars),
    reportedTokens: reportedReasoningTokens(response.usage),
    finishReason: choice.finish_reason ?? null,
    usage,
    overLength: isOverLength(usage, sampling.maxTokens),
    capped,
    ttftMs: null,
  };
}
