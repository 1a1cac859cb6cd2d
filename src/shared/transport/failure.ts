import { z } from 'zod';
import { REQUEST_FAILURE_KINDS, RequestError, type RequestFailureKind } from '../errors.ts';
import { describeTimeoutSetting } from './timeouts.ts';

// What one failed try says, in one shape for the dispatcher (which sends it to the worker under `error.eval`) and
// the client (which turns the last one into a RequestError naming the real server and the number of tries).

/** The facts of one failed try. */
export const TryFailureSchema = z.object({
  kind: z.enum(REQUEST_FAILURE_KINDS),
  /** The real server's base URL. */
  server: z.string(),
  /** HTTP status, or the `code` of an error event sent inside a started stream. */
  status: z.number().int().optional(),
  serverMessage: z.string().optional(),
  /** The deadline that passed, for timeout kinds. @unit milliseconds */
  timeoutMs: z.number().nonnegative().optional(),
  /** Where it happened, read as a continuation with its leading space: ` before the first chunk`, ` after chunk 3`. */
  detail: z.string().optional(),
});
export type TryFailure = z.infer<typeof TryFailureSchema>;

/** The error body the SDK understands (`body.error.message`), with the facts for the harness's client under `eval`. */
export interface ErrorPayload {
  error: { message: string; type: string | null; param: string | null; code: number | string | null; eval: TryFailure };
}

const CONTEXT_LENGTH = /maximum context length/i;
/** vLLM's 400s for tool requests to a server without tool calling (`"auto" tool choice requires --enable-auto-tool-choice ...`). */
const TOOL_CALLING_OFF = /tool.choice.*requires --(?:enable-auto-tool-choice|tool-call-parser)/i;
/** Kinds whose message is the server's (or the death notice's) own text. */
const OWN_WORDS = new Set<RequestFailureKind>(['http', 'context-length', 'server-dead', 'tool-calling-off']);

/** The flags a Qwen2.5 server needs for tool calls (the parser is per model: `models.<key>.toolCallParser`). */
export const TOOL_CALLING_FLAGS = '--enable-auto-tool-choice --tool-call-parser hermes';

// vLLM's context-window 400 and its missing-tool-calling 400 are their own kinds: no retry can change them.
export function classifyHttpFailure(status: number, message: string | undefined): 'http' | 'context-length' | 'tool-calling-off' {
  if (status !== 400 || message === undefined) return 'http';
  if (CONTEXT_LENGTH.test(message)) return 'context-length';
  return TOOL_CALLING_OFF.test(message) ? 'tool-calling-off' : 'http';
}

// Retried like the SDK retries (408, 409, 429, 5xx, connection errors), plus timeouts and resets mid-stream.
export function isRetryable(failure: TryFailure): boolean {
  switch (failure.kind) {
    case 'timeout-headers':
    case 'timeout-idle':
    case 'timeout-total':
    case 'reset':
    case 'refused':
      return true;
    case 'http': {
      const status = failure.status;
      return status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
    }
    default:
      return false;
  }
}

// The HTTP status the dispatcher answers with when it, not the server, ends a request before the headers.
export function statusForFailure(kind: RequestFailureKind): number {
  if (kind.startsWith('timeout-')) return 504;
  if (kind === 'server-dead') return 503;
  return 502;
}

// One clause saying what went wrong on a try, without the server or the tries.
export function summariseFailure(failure: TryFailure): string {
  const { kind, status, serverMessage, timeoutMs, detail } = failure;
  // Details of timeouts, resets and malformed answers read as a continuation (` after chunk 3`).
  const where = detail ?? '';
  switch (kind) {
    case 'http':
      return `HTTP ${status ?? 'error'}${where}: ${serverMessage ?? '(no message in the body)'}`;
    case 'context-length':
      return `HTTP ${status ?? 400}, the prompt does not fit the model's context (not retried; shorten the prompt or lower \`sampling.maxTokens\`): ${serverMessage ?? '(no message)'}`;
    case 'timeout-headers':
      return `no response headers within ${timeoutMs} ms of sending${where} (${describeTimeoutSetting(kind)})`;
    case 'timeout-idle':
      return `no data for ${timeoutMs} ms${where} (${describeTimeoutSetting(kind)})`;
    case 'timeout-total':
      return `not finished within ${timeoutMs} ms${where} (${describeTimeoutSetting(kind)})`;
    case 'reset':
      return `the connection was reset${where}${serverMessage ? `: ${serverMessage}` : ''}`;
    case 'refused':
      return `connection refused${where}; is the server running?`;
    case 'server-dead':
      return serverMessage ?? 'the server is gone';
    case 'malformed':
      return `malformed response${where}${serverMessage ? `: ${serverMessage}` : ''}`;
    case 'tool-calling-off':
      return `HTTP ${status ?? 400}, the server runs without tool calling (not retried; start it with \`${TOOL_CALLING_FLAGS}\`, with the parser of \`models.<key>.toolCallParser\`, or unset EVAL_BASE_URL so the harness launches vLLM with them): ${serverMessage ?? '(no message)'}`;
  }
}

// The error body for a failure the dispatcher observed (or a server body it normalised).
export function buildErrorPayload(
  failure: TryFailure,
  fields: { type?: string | null; param?: string | null; code?: number | string | null } = {},
): ErrorPayload {
  return {
    error: {
      // The server's own words when it sent some; otherwise what happened, for readers other than our client.
      message:
        OWN_WORDS.has(failure.kind) && failure.serverMessage !== undefined
          ? failure.serverMessage
          : `Request to ${failure.server} failed: ${summariseFailure(failure)}`,
      type: fields.type ?? null,
      param: fields.param ?? null,
      code: fields.code ?? failure.status ?? null,
      eval: failure,
    },
  };
}

// The request's final error: names the real server, the status, the server's message, the timeout and the tries.
export function createRequestError(failure: TryFailure, tries: number, cause?: unknown): RequestError {
  const message = `Request to ${failure.server} failed after ${tries} ${tries === 1 ? 'try' : 'tries'}: ${summariseFailure(failure)}`;
  return new RequestError(
    { server: failure.server, kind: failure.kind, status: failure.status, serverMessage: failure.serverMessage, tries },
    message,
    cause === undefined ? undefined : { cause },
  );
}
