import { NO_QUALITY_ISSUES, type Quality, type Timing, type Usage } from '../shared/records/case-record.ts';
import type { ChatResult, EvalClient } from './client/chat.ts';
import type { CompletionResult } from './client/completions.ts';

// Per-case accounting: every request a case makes through its client (task and judge alike) adds its tokens,
// tries and quality facts here, so no task or scorer has to report usage or timing itself.

/** What one finished request tells the ledger. */
type RequestFacts = Pick<ChatResult, 'ttftMs' | 'latencyMs' | 'finishReason'> & {
  usage: { promptTokens: number; completionTokens: number } | null;
  tries?: number;
  overLength?: boolean;
  capped?: unknown;
};

/** Tokens, timings and quality of one case's requests. */
export class CaseLedger {
  readonly #started = performance.now();
  #requests = 0;
  #promptTokens: number | null = 0;
  #completionTokens: number | null = 0;
  #ttftMs: number | null = null;
  #quality: Quality = { ...NO_QUALITY_ISSUES };

  /** Add a finished request. */
  record(result: ChatResult | CompletionResult): void {
    const facts = factsOf(result);
    const tries = facts.tries ?? 1;
    this.#requests += tries;
    this.#quality.retries += tries - 1;
    if (facts.usage === null) {
      this.#promptTokens = null;
      this.#completionTokens = null;
    } else {
      if (this.#promptTokens !== null) this.#promptTokens += facts.usage.promptTokens;
      if (this.#completionTokens !== null) this.#completionTokens += facts.usage.completionTokens;
    }
    this.#ttftMs ??= facts.ttftMs;
    if (facts.finishReason === 'length') this.#quality.truncated += 1;
    if (facts.overLength) this.#quality.overLength += 1;
    if (facts.capped) this.#quality.capped += 1;
  }

  /** Add a request that failed after `tries` tries. */
  recordFailure(tries = 1): void {
    this.#requests += tries;
    this.#quality.retries += tries - 1;
  }

  usage(): Usage {
    return { promptTokens: this.#promptTokens, completionTokens: this.#completionTokens };
  }

  timing(): Timing {
    return { requests: this.#requests, ttftMs: this.#ttftMs, latencyMs: performance.now() - this.#started };
  }

  quality(): Quality {
    return { ...this.#quality };
  }
}

// Normalise the client's result shapes (streamed chat, plain completions).
function factsOf(result: ChatResult | CompletionResult): RequestFacts {
  const r = result as ChatResult & Partial<RequestFacts> & { promptTokens?: number; completionTokens?: number };
  const usage =
    r.usage !== undefined ? r.usage : r.promptTokens === undefined ? null : { promptTokens: r.promptTokens, completionTokens: r.completionTokens ?? 0 };
  return { ttftMs: r.ttftMs, latencyMs: r.latencyMs, finishReason: r.finishReason, usage, tries: r.tries, overLength: r.overLength, capped: r.capped };
}

/** A client whose requests are counted in `ledger`; failures count their tries too. */
export function withLedger<C extends Pick<EvalClient, 'chat' | 'complete'>>(client: C, ledger: CaseLedger): C {
  const counted = async <R extends ChatResult | CompletionResult>(request: () => Promise<R>): Promise<R> => {
    try {
      const result = await request();
      ledger.record(result);
      return result;
    } catch (error) {
      ledger.recordFailure((error as { tries?: number }).tries ?? 1);
      throw error;
    }
  };
  return {
    ...client,
    chat: (messages, sampling, signal) => counted(() => client.chat(messages, sampling, signal)),
    complete: (prompt, options) => counted(() => client.complete(prompt, options)),
  };
}
