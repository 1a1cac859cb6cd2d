import type OpenAI from 'openai';
import { DEFAULT_ANSWER_CAP_CHARS } from './answer-facts.ts';
import { createChatStreamTransport, type ChatStreamTransport } from './chat-stream.ts';
import { withReadableErrors } from '../../shared/transport/normalise-error.ts';
import { DEFAULT_REQUEST_TIMEOUTS, type RequestTimeouts } from '../../shared/transport/timeouts.ts';
import { type LeaseChannel, leaseChannelTo } from './lease-client.ts';
import { memoizeByKey } from '../../shared/memoize-by-key.ts';
import type { ClientTransport } from './try-clock.ts';

/** Options of the harness's OpenAI-compatible clients. */
export interface EvalClientOptions {
  baseUrl: string;
  model: string;
  apiKey?: string | null;
  /** Retries after the first try on 408/409/429/5xx, timeouts and dropped connections, 0.5 s doubling to 8 s. @default 2 */
  maxRetries?: number;
  /** Per-try total (`client.requestTimeoutMs`). @unit milliseconds @default 600000 */
  timeoutMs?: number;
  /** Silence while a stream is read (`client.idleTimeoutMs`). @unit milliseconds @default `timeoutMs` */
  idleTimeoutMs?: number;
  /** Streamed requests sent directly: time to the response headers. @unit milliseconds @default 120000 */
  headersTimeoutMs?: number;
  /** `dispatched`: through the run's dispatcher, which enforces the deadlines; `direct`: the client does. @default 'dispatched' for the eval client, 'direct' for the judge */
  transport?: ClientTransport;
  /** Server named in errors when a response does not name its upstream. @default baseUrl */
  serverName?: string;
  /** Answers longer than this are cut to it for storage and scoring, and the cut recorded. @unit characters @default 1048576 */
  answerCapChars?: number;
  /** Reasoning models: thinking on or off (`chat_template_kwargs.enable_thinking`); null/absent for other models. */
  thinking?: boolean | null;
  /**
   * `dispatched` only: take slot leases from the dispatcher at `baseUrl` and send streamed chat and completions straight
   * to the server it names (client-side deadlines), instead of through its proxy; falls back to the proxy when none are
   * offered.
   * @default false
   */
  leases?: boolean;
}

/** Everything one request needs besides its own parameters. */
export interface ClientRuntime {
  /** The SDK client, loaded on first use: streamed chat never needs it, and loading it costs ~0.2 s of CPU per worker. */
  openai: () => Promise<OpenAI>;
  /** Streamed chat, the hot path, on node:http (chat-stream.ts says why); everything else goes through `openai`. */
  chatStream: ChatStreamTransport;
  /** The dispatcher's slot leases, when the client takes them (`leases`); null otherwise. */
  leases: LeaseChannel | null;
  /** Streamed chat straight to a leased server (base URL as the dispatcher names it). */
  chatStreamTo(upstream: string): ChatStreamTransport;
  /** The SDK's client for a leased server (completions straight to it). */
  openaiTo(upstream: string): Promise<OpenAI>;
  /** The server's base URL without `/v1` (for vLLM's own routes such as `/tokenize`). */
  baseUrl: string;
  apiKey: string | null;
  model: string;
  server: string;
  transport: ClientTransport;
  timeouts: RequestTimeouts;
  maxRetries: number;
  answerCapChars: number;
  thinking: boolean | null;
}

/** Largest timeout Node's timers accept: the SDK's own per-request timer is disabled, our clock owns deadlines. */
const NO_SDK_TIMEOUT_MS = 2_147_483_647;

// The SDK instance for an OpenAI-compatible base URL: no SDK retries (the harness's loop retries every try,
// streams included), no SDK timeout (it would count time queued in the dispatcher), readable error bodies.
export async function createOpenAI(options: EvalClientOptions): Promise<OpenAI> {
  const { default: OpenAI } = await import('openai');
  return new OpenAI({
    baseURL: `${options.baseUrl}/v1`,
    apiKey: options.apiKey ?? 'EMPTY',
    maxRetries: 0,
    timeout: NO_SDK_TIMEOUT_MS,
    fetch: withReadableErrors(options.serverName ?? options.baseUrl),
  });
}

// Resolve the options' defaults once per client.
export function createClientRuntime(options: EvalClientOptions, transport: ClientTransport): ClientRuntime {
  const requestTimeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUTS.requestTimeoutMs;
  const server = options.serverName ?? options.baseUrl;
  let openai: Promise<OpenAI> | undefined;
  const resolvedTransport = options.transport ?? transport;
  return {
    openai: () => (openai ??= createOpenAI(options)),
    chatStream: createChatStreamTransport({ baseUrl: options.baseUrl, apiKey: options.apiKey ?? null, server }),
    leases: options.leases && resolvedTransport === 'dispatched' ? leaseChannelTo(options.baseUrl) : null,
    // A leased server is asked at the path the dispatcher's proxy would use: its origin, then `/v1/...`.
    chatStreamTo: memoizeByKey((upstream) =>
      createChatStreamTransport({ baseUrl: new URL(upstream).origin, apiKey: options.apiKey ?? null, server: upstream }),
    ),
    openaiTo: memoizeByKey((upstream) => createOpenAI({ ...options, baseUrl: new URL(upstream).origin, serverName: upstream })),
    baseUrl: options.baseUrl,
    apiKey: options.apiKey ?? null,
    model: options.model,
    server,
    transport: resolvedTransport,
    timeouts: {
      requestTimeoutMs,
      idleTimeoutMs: options.idleTimeoutMs ?? requestTimeoutMs,
      headersTimeoutMs: options.headersTimeoutMs ?? DEFAULT_REQUEST_TIMEOUTS.headersTimeoutMs,
    },
    maxRetries: options.maxRetries ?? 2,
    answerCapChars: options.answerCapChars ?? DEFAULT_ANSWER_CAP_CHARS,
    thinking: options.thinking ?? null,
  };
}
