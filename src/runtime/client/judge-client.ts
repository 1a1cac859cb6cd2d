import type OpenAI from 'openai';
import { MalformedResponseError } from '../../shared/errors.ts';
import { createOpenAI, toRequestError, type ChatMessage, type ChatResult, type EvalClient, type EvalClientOptions, type SamplingParams } from './chat.ts';

/** A chat client for an external judge. */
export type JudgeChatClient = Pick<EvalClient, 'model' | 'chat'>;

// Client of an external OpenAI-compatible judge: non-streamed chat with standard fields only, since hosted APIs
// reject vLLM extensions such as `repetition_penalty` that the evaluated server's client sends.
export function createJudgeClient(options: EvalClientOptions): JudgeChatClient {
  const openai = createOpenAI(options);
  return {
    model: options.model,
    chat: (messages, sampling, signal) => requestChat(openai, options, messages, sampling, signal),
  };
}

async function requestChat(
  openai: OpenAI,
  options: EvalClientOptions,
  messages: ChatMessage[],
  sampling: SamplingParams,
  signal: AbortSignal | undefined,
): Promise<ChatResult> {
  const started = performance.now();
  let response: OpenAI.Chat.Completions.ChatCompletion;
  try {
    response = await openai.chat.completions.create(
      {
        model: options.model,
        messages,
        stream: false,
        temperature: sampling.temperature,
        top_p: sampling.topP,
        seed: sampling.seed,
        max_tokens: sampling.maxTokens,
      },
      { signal },
    );
  } catch (error) {
    throw toRequestError(error, options.baseUrl);
  }
  const choice = response.choices[0];
  if (!choice) throw new MalformedResponseError(`Judge ${options.baseUrl} answered a chat completion without any choice.`);
  return {
    text: choice.message.content ?? '',
    finishReason: choice.finish_reason ?? null,
    promptTokens: response.usage?.prompt_tokens ?? 0,
    completionTokens: response.usage?.completion_tokens ?? 0,
    ttftMs: null,
    latencyMs: performance.now() - started,
  };
}
