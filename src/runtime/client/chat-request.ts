import type { ChatCompletionCreateParamsBase, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ChatMessage, ToolCall } from '../../shared/chat-message.ts';
import type { Sampling } from '../../shared/sampling.ts';

// The body of one chat request: the run's explicit sampling plus what a task asks for (tools, response format).

/** A tool the model may call (OpenAI `tools` entry; `parameters` is a JSON Schema object). */
export interface ChatTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

/** `tool_choice`: let the model decide, forbid, force some call, or force one function. */
export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

/** `response_format`: vLLM's structured outputs (a JSON schema, any JSON object) or plain text. */
export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema: Record<string, unknown>; strict?: boolean; description?: string } };

/** What a chat request asks for besides messages and sampling. */
export interface ChatOptions {
  /** Functions the model may call; vLLM needs `--enable-auto-tool-choice --tool-call-parser` for `auto`. Never `[]` (vLLM: 400). */
  tools?: readonly ChatTool[];
  /** @default 'auto' when `tools` are given (vLLM's default) */
  toolChoice?: ToolChoice;
  /** `false`: at most one call per answer. @default true (vLLM's default) */
  parallelToolCalls?: boolean;
  /** Structured outputs: the answer is decoded under this format. */
  responseFormat?: ResponseFormat;
  /**
   * Stream the answer. Requests with `tools` default to a plain answer: vLLM's streaming tool parser drops the text after a
   * `<tool_call>` it cannot parse, while a plain answer keeps it in `content`, so a parser failure stays visible.
   * @default true, false with `tools`
   */
  stream?: boolean;
  /** Extra HTTP headers of this request (the case's `x-session-id`, so routers keep prefix-cache affinity). */
  headers?: Record<string, string>;
}

/** Whether a request with these options is streamed. */
export function isStreamed(options: ChatOptions | undefined): boolean {
  return options?.stream ?? !options?.tools?.length;
}

/** Request fields shared by streamed and plain chat requests. */
export function buildChatBody(
  model: string,
  messages: readonly ChatMessage[],
  sampling: Sampling,
  options: ChatOptions | undefined,
  thinking: boolean | null,
): ChatCompletionCreateParamsBase {
  return {
    model,
    messages: messages as ChatCompletionMessageParam[],
    temperature: sampling.temperature,
    top_p: sampling.topP,
    seed: sampling.seed,
    max_tokens: sampling.maxTokens,
    ...(sampling.stop?.length ? { stop: sampling.stop } : {}),
    ...(options?.tools?.length ? { tools: options.tools as ChatCompletionCreateParamsBase['tools'] } : {}),
    ...(options?.toolChoice ? { tool_choice: options.toolChoice } : {}),
    ...(options?.parallelToolCalls !== undefined ? { parallel_tool_calls: options.parallelToolCalls } : {}),
    ...(options?.responseFormat ? { response_format: options.responseFormat as ChatCompletionCreateParamsBase['response_format'] } : {}),
    // vLLM extension: Qwen's generation_config sets 1.05, which must not leak into greedy evals.
    ...({ repetition_penalty: 1.0 } as object),
    // Reasoning models: thinking on or off for this run (Qwen3's chat template reads `enable_thinking`).
    ...(thinking === null ? {} : ({ chat_template_kwargs: { enable_thinking: thinking } } as object)),
  };
}

/** One streamed `delta.tool_calls` entry. */
export interface ToolCallDelta {
  index: number;
  id?: string | null;
  function?: { name?: string | null; arguments?: string | null } | null;
}

/** Puts streamed tool-call deltas back together by index: id and name from the first, arguments concatenated. */
export class ToolCallAssembler {
  #calls: ToolCall[] = [];

  add(deltas: readonly ToolCallDelta[] | null | undefined): void {
    for (const delta of deltas ?? []) {
      this.#calls[delta.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } };
      const call = this.#calls[delta.index]!;
      if (delta.id) call.id = delta.id;
      if (delta.function?.name && !call.function.name) call.function.name = delta.function.name;
      call.function.arguments += delta.function?.arguments ?? '';
    }
  }

  /** The calls in index order (gaps left by a server are dropped). */
  calls(): ToolCall[] {
    return this.#calls.filter(Boolean);
  }
}

/** A plain answer's `tool_calls` in our shape (non-function entries dropped). */
export function readToolCalls(raw: unknown): ToolCall[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const fn = (entry as { function?: { name?: unknown; arguments?: unknown } } | null)?.function;
    if (!fn || typeof fn.name !== 'string') return [];
    const id = (entry as { id?: unknown }).id;
    return [
      {
        id: typeof id === 'string' ? id : '',
        type: 'function' as const,
        function: { name: fn.name, arguments: typeof fn.arguments === 'string' ? fn.arguments : '' },
      },
    ];
  });
}
