// The harness's error hierarchy: one base class, one subclass per category a caller acts on.
// Each carries a stable `code`; messages name the culprit and the fix; wrapped failures keep `cause`.

export type HarnessErrorCode =
  | 'EVAL_CONFIG_INVALID'
  | 'EVAL_NO_SERVER'
  | 'EVAL_SERVER_START_FAILED'
  | 'EVAL_SERVER_UNHEALTHY'
  | 'EVAL_SERVER_MISMATCH'
  | 'EVAL_REQUEST_FAILED'
  | 'EVAL_MALFORMED_RESPONSE'
  | 'EVAL_DATASET_CHECKSUM'
  | 'EVAL_DATASET_UNAVAILABLE'
  | 'EVAL_SANDBOX_UNAVAILABLE'
  | 'EVAL_SCORER_CRASHED'
  | 'EVAL_GATE_FAILED'
  | 'EVAL_RECORD_INVALID'
  | 'EVAL_REPLAY_UNAVAILABLE'
  | 'EVAL_BENCHMARK_FAILED';

/** Base class of every error the harness raises on purpose. */
export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  constructor(code: HarnessErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Invalid configuration or environment variable: names the option, expected and received value. */
export class ConfigError extends HarnessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('EVAL_CONFIG_INVALID', message, options);
  }

  // Vitest prints a config that fails to load with util.inspect: the message already says everything, so the
  // stack and the cause (a zod issue dump) are left out of the console; `cause` stays on the error for callers.
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

/** Neither a `vllm` executable nor `EVAL_BASE_URL`: nothing to evaluate against. */
export class NoServerError extends HarnessError {
  constructor(message: string) {
    super('EVAL_NO_SERVER', message);
  }
}

/** The inference server could not be started or is not usable. */
export class ServerError extends HarnessError {
  /** Base URL or command of the server concerned. */
  readonly server: string;
  /** Last lines of the server log, when the harness launched it. */
  readonly logTail: string[];
  constructor(
    code: 'EVAL_SERVER_START_FAILED' | 'EVAL_SERVER_UNHEALTHY' | 'EVAL_SERVER_MISMATCH',
    server: string,
    message: string,
    options?: { cause?: unknown; logTail?: string[] },
  ) {
    const tail = options?.logTail?.length ? `\nLast server log lines:\n${options.logTail.map((l) => `  ${l}`).join('\n')}` : '';
    super(code, `${message}${tail}`, options);
    this.server = server;
    this.logTail = options?.logTail ?? [];
  }
}

/**
 * How a request to the inference server failed; stable values the run record and tracker count by.
 * `http`: an HTTP error status (the server's message kept); `timeout-headers` / `timeout-idle` / `timeout-total`: which
 * deadline passed; `reset`: the connection dropped (before the headers or mid-stream); `refused`: nothing listens;
 * `context-length`: vLLM's 400 "This model's maximum context length is ..." (never retried); `server-dead`: the launched
 * server exited (never retried); `malformed`: an answer that breaks the protocol; `tool-calling-off`: vLLM's 400 for a tool
 * request to a server started without `--enable-auto-tool-choice --tool-call-parser` (never retried).
 */
export const REQUEST_FAILURE_KINDS = [
  'http',
  'timeout-headers',
  'timeout-idle',
  'timeout-total',
  'reset',
  'refused',
  'context-length',
  'server-dead',
  'malformed',
  'tool-calling-off',
] as const;
export type RequestFailureKind = (typeof REQUEST_FAILURE_KINDS)[number];

/** The facts of a failed request, as `RequestError` carries them. */
export interface RequestFailure {
  /** The real server (an `EVAL_BASE_URL` entry or the launched server), never the harness's loopback dispatcher. */
  server: string;
  kind: RequestFailureKind;
  /** HTTP status, when the server sent one. */
  status: number | undefined;
  /** The server's own message (error body or stream error event), when it sent one. */
  serverMessage: string | undefined;
  /** Tries made, the first included. */
  tries: number;
}

/** A request to the inference server failed for good: retries spent, or a failure that is never retried. */
export class RequestError extends HarnessError implements RequestFailure {
  readonly server: string;
  readonly kind: RequestFailureKind;
  readonly status: number | undefined;
  readonly serverMessage: string | undefined;
  readonly tries: number;
  constructor(failure: RequestFailure, message: string, options?: { cause?: unknown }) {
    super('EVAL_REQUEST_FAILED', message, options);
    this.server = failure.server;
    this.kind = failure.kind;
    this.status = failure.status;
    this.serverMessage = failure.serverMessage;
    this.tries = failure.tries;
  }

  /** @deprecated use `server` */
  get url(): string {
    return this.server;
  }
}

/** The server answered, but not in the shape the protocol promises. */
export class MalformedResponseError extends HarnessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('EVAL_MALFORMED_RESPONSE', message, options);
  }
}

/** A dataset file could not be obtained or does not match its pinned sha256. */
export class DatasetError extends HarnessError {
  constructor(code: 'EVAL_DATASET_CHECKSUM' | 'EVAL_DATASET_UNAVAILABLE', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** No sandbox that meets the requested isolation level is available. */
export class SandboxUnavailableError extends HarnessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('EVAL_SANDBOX_UNAVAILABLE', message, options);
  }
}

/** A scorer threw: a harness bug, never a model failure. */
export class ScorerError extends HarnessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('EVAL_SCORER_CRASHED', message, options);
  }
}

/** A gate failed: a metric under its threshold or a significant regression against the baseline. */
export class GateFailedError extends HarnessError {
  constructor(message: string) {
    super('EVAL_GATE_FAILED', message);
  }
}

/** A run, case or history record does not match its schema. */
export class RecordError extends HarnessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('EVAL_RECORD_INVALID', message, options);
  }
}

/** A recorded case cannot be scored again without a server (`EVAL_REPLAY`): its record lacks what the scorers need. */
export class ReplayError extends HarnessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('EVAL_REPLAY_UNAVAILABLE', message, options);
  }
}

/** Requests of a benchmark load point failed or came back incomplete: the numbers are recorded, the run fails. */
export class BenchmarkError extends HarnessError {
  constructor(message: string) {
    super('EVAL_BENCHMARK_FAILED', message);
  }
}

// Serialise an error for task.meta and result files (Error objects do not survive structured clone intact).
// A RequestError keeps its facts under `request`, for counting by kind.
export function describeError(error: unknown): { name: string; code?: string; message: string; request?: RequestFailure } {
  if (error instanceof RequestError) {
    const { server, kind, status, serverMessage, tries } = error;
    return { name: error.name, code: error.code, message: error.message, request: { server, kind, status, serverMessage, tries } };
  }
  if (error instanceof HarnessError) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
