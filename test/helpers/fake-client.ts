import type { ChatMessage, ChatOptions, ChatResult, EvalClient, SamplingParams, ToolCall } from '../../src/runtime/client/chat.ts';
import type { CompletionOptions, CompletionResult } from '../../src/runtime/client/completions.ts';
import { loadData } from '../../src/runtime/data.ts';
import { runEvalCase, type EvalDefinition } from '../../src/runtime/define-eval.ts';
import { BenchmarkConfigSchema } from '../../src/shared/config/benchmark.ts';
import type { RunContext, ServerStatus } from '../../src/shared/context.ts';
import type { CaseRecord, ReasoningRecord } from '../../src/shared/records/case-record.ts';

// A scripted EvalClient: no HTTP, every request recorded.

export interface ChatCall {
  messages: ChatMessage[];
  sampling: SamplingParams;
  options?: ChatOptions | undefined;
  headers?: Record<string, string>;
}

/** A scripted chat answer: text, or text with tool calls and a finish reason. */
export type FakeAnswer = string | { text: string; toolCalls?: ToolCall[]; finishReason?: string };

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
  answer?: (messages: ChatMessage[], options?: ChatOptions) => FakeAnswer;
  /** A reasoning model's reasoning beside each answer. @default none */
  reasoning?: (messages: ChatMessage[]) => ReasoningRecord | null;
  logprobOf?: (prompt: string) => { contextLength: number; sum: number };
}): FakeClient {
  let inFlight = 0;
  const client: FakeClient = {
    model: 'fake',
    openai: undefined as never,
    chats: [],
    completes: [],
    maxConcurrent: 0,
    async chat(messages, sampling, _signal, options): Promise<ChatResult> {
      client.chats.push({ messages, sampling, options, ...(options?.headers ? { headers: options.headers } : {}) });
      const scripted = handlers.answer?.(messages, options) ?? '';
      const answer = typeof scripted === 'string' ? { text: scripted } : scripted;
      return {
        text: answer.text,
        reasoning: handlers.reasoning?.(messages) ?? null,
        toolCalls: answer.toolCalls ?? [],
        finishReason: answer.finishReason ?? (answer.toolCalls?.length ? 'tool_calls' : 'stop'),
        usage: { promptTokens: 10, completionTokens: 5 },
        overLength: false,
        capped: null,
        tries: 1,
        ttftMs: 1,
        latencyMs: 2,
      };
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

/** A run context as global setup provides it, for cases run outside a model project. */
export const FAKE_RUN: RunContext = {
  runId: 'test-run',
  startedAt: '2026-11-28T00:00:00.000Z',
  resultsDir: '/tmp/qwen-evals-test-results',
  project: 'fake',
  model: { key: 'fake', id: 'fake', revision: null, quantization: null, reasoning: null },
  preset: 'default',
  limit: null,
  sampling: SAMPLING,
  variants: {},
  toolCallParser: null,
  code: { sandbox: 'bwrap', samples: 1, temperature: 0.8, passAtK: [1, 10] },
  client: { maxRetries: 2, inFlightFactor: 2, requestTimeoutMs: 60_000, idleTimeoutMs: 30_000, headersTimeoutMs: 30_000 },
  judge: { baseUrl: null, model: null, apiKey: null, temperature: 0, maxTokens: 2048 },
  thresholds: {},
  gates: { minEffect: 0.02, alpha: 0.05, onIncomparable: 'warn' },
  resumeFrom: null,
  replay: null,
  datasetBaseUrl: null,
  shard: null,
  harnessVersion: '0.0.0-test',
  dispatcherUrl: 'http://127.0.0.1:1',
  apiKey: null,
  inFlightLimit: 8,
  benchmark: BenchmarkConfigSchema.parse({}),
};

/** The server a fake run talks to. */
export const FAKE_SERVER: ServerStatus = {
  upstreams: ['http://upstream'],
  label: 'http://upstream (fake)',
  launched: false,
  command: null,
  vllmVersion: null,
  logFile: null,
  maxNumSeqs: 4,
  quantizationKernel: null,
  simulation: null,
};

const loaded = new WeakMap<object, Promise<unknown>>();

/**
 * Run one case of an eval against a fake client, as a suite would. With `load`, the eval's data is loaded once first
 * (for evals whose loader keeps files the scorers need; the tests pass such evals a local data source).
 */
export async function runCase<Item, Output>(
  definition: EvalDefinition<Item, Output>,
  item: Item,
  client: EvalClient,
  options: { caseId?: string; load?: boolean } = {},
): Promise<CaseRecord> {
  if (options.load) {
    if (!loaded.has(definition)) loaded.set(definition, loadData(definition.data, { datasetBaseUrl: null }));
    await loaded.get(definition);
  }
  const caseId = options.caseId ?? 'case-1';
  return runEvalCase(
    definition,
    item,
    caseId,
    { run: FAKE_RUN, server: FAKE_SERVER, client, sampling: SAMPLING },
    new AbortController().signal,
  );
}
