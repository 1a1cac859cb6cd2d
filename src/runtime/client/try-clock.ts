import type { RequestFailureKind } from '../../shared/errors.ts';
import { TryFailedError } from './retry.ts';
import { BACKSTOP_SLACK_MS, type RequestTimeouts } from '../../shared/transport/timeouts.ts';
import { followAbort } from './follow-abort.ts';

/**
 * Where a client's requests go. `dispatched`: through the run's dispatcher, which enforces the exact deadlines
 * from the moment it sends a request upstream; the client only keeps a looser backstop that starts at the
 * response headers, because time queued in the dispatcher must not count. `direct`: straight to a server (the
 * external judge); the client enforces the exact deadlines itself.
 */
export type ClientTransport = 'dispatched' | 'direct';

/** A deadline that passed during a try. */
export interface FiredDeadline {
  kind: Extract<RequestFailureKind, 'timeout-headers' | 'timeout-idle' | 'timeout-total'>;
  timeoutMs: number;
  detail: string;
}

/** The client's deadlines of one try; aborts `signal` when one passes. */
export class TryClock {
  readonly signal: AbortSignal;
  #controller = new AbortController();
  #fired: FiredDeadline | null = null;
  #timers = new Map<FiredDeadline['kind'], NodeJS.Timeout>();
  #chunks = 0;
  #forgetCaller: (() => void) | null = null;
  #started = false;

  constructor(
    private readonly options: {
      transport: ClientTransport;
      timeouts: RequestTimeouts;
      streamed: boolean;
      signal?: AbortSignal | undefined;
    },
  ) {
    // The caller's abort passes on through a listener: AbortSignal.any costs ~0.1 ms of CPU per try on Node 20.
    this.signal = this.#controller.signal;
    const caller = options.signal;
    if (caller?.aborted) this.#controller.abort(caller.reason);
    else if (caller) {
      this.#forgetCaller = followAbort(caller, () => this.#controller.abort(caller.reason));
    }
    if (options.transport === 'direct') {
      const { requestTimeoutMs, headersTimeoutMs } = options.timeouts;
      this.#start('timeout-total', requestTimeoutMs, () => ` of sending (${this.#chunks} chunks received)`);
      if (options.streamed) this.#start('timeout-headers', headersTimeoutMs, () => '');
    }
  }

  /** The deadline that ended the try, if one did. */
  get fired(): FiredDeadline | null {
    return this.#fired;
  }

  // Headers are in: start the silence deadline (streams) and, behind the dispatcher, the total backstop.
  headersReceived(): void {
    this.#started = true;
    const headers = this.#timers.get('timeout-headers');
    if (headers) clearTimeout(headers);
    const { transport, timeouts, streamed } = this.options;
    const backstop = transport === 'dispatched';
    const slack = backstop ? BACKSTOP_SLACK_MS : 0;
    const note = backstop ? '; client backstop' : '';
    if (streamed) {
      this.#start('timeout-idle', timeouts.idleTimeoutMs + slack, () =>
        this.#chunks === 0 ? ` before the first chunk${note}` : ` after chunk ${this.#chunks}${note}`,
      );
    }
    if (backstop)
      this.#start(
        'timeout-total',
        timeouts.requestTimeoutMs + slack,
        () => ` of the response headers (${this.#chunks} chunks received${note})`,
      );
  }

  /** The failed try, after a deadline passed. */
  failure(server: string, cause?: unknown): TryFailedError {
    const fired = this.#fired!;
    return new TryFailedError(
      { kind: fired.kind, server, timeoutMs: fired.timeoutMs, detail: fired.detail },
      undefined,
      undefined,
      cause === undefined ? undefined : { cause },
    );
  }

  /** Chunks received so far. */
  get chunks(): number {
    return this.#chunks;
  }

  /** True once the response headers are in. */
  get started(): boolean {
    return this.#started;
  }

  chunkReceived(): void {
    this.#chunks += 1;
    this.#timers.get('timeout-idle')?.refresh();
  }

  dispose(): void {
    this.#forgetCaller?.();
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #start(kind: FiredDeadline['kind'], timeoutMs: number, where: () => string): void {
    this.#timers.set(
      kind,
      setTimeout(() => {
        if (this.#fired) return;
        this.#fired = { kind, timeoutMs, detail: where() };
        this.#controller.abort(new Error(`${kind} after ${timeoutMs} ms`));
      }, timeoutMs),
    );
  }
}
