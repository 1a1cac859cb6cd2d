import {
  NO_QUALITY_ISSUES,
  type CacheUse,
  type Quality,
  type ReasoningRecord,
  type Timing,
  type Usage,
} from '../shared/records/case-record.ts';
import type { ChatResult, EvalClient } from './client/chat.ts';
import type { CompletionResult } from './client/completions.ts';

// Per-case accounting: every request a case makes through its client (task and judge alike) adds its tokens,
// tries and quality facts here, so no task or scorer has to report usage or timing itself.

/** Tokens, timings and quality of one case's requests. */
export class CaseLedger {
  /** First request's start and last request's end: the case's time at the server, scoring left out. */
  #firstStart: number | null = null;
  #lastEnd: number | null = null;
  #requests = 0;
  #promptTokens: number | null = 0;
  #completionTokens: number | null = 0;
  #ttftMs: number | null = null;
  /** Reasoning of each answer that had some, in request order. */
  #reasoning: ReasoningRecord[] = [];
  #quality: Quality = { ...NO_QUALITY_ISSUES };
  /** Answers from the response cache and their tokens (null once one did not report usage). */
  #cache = { hits: 0, promptTokens: 0 as number | null, completionTokens: 0 as number | null };

  /** Add a finished request; `scoringOnly` = it generated nothing on purpose (log-likelihood echo, `max_tokens` 0). */
  record(result: ChatResult | CompletionResult, scoringOnly = false): void {
    const facts = result;
    const tries = facts.tries;
    this.#requests += tries;
    this.#quality.retries += tries - 1;
    if (facts.usage === null) {
      this.#promptTokens = null;
      this.#completionTokens = null;
    } else {
      if (this.#promptTokens !== null) this.#promptTokens += facts.usage.promptTokens;
      if (this.#completionTokens !== null) this.#completionTokens += facts.usage.completionTokens;
    }
    if (facts.cached) this.#countCached(facts.usage);
    // A cached answer's time to first token measures the dispatcher, not the server.
    else this.#ttftMs ??= facts.ttftMs;
    if (facts.finishReason === 'length' && !scoringOnly) this.#quality.truncated += 1;
    if (facts.overLength) this.#quality.overLength += 1;
    if (facts.capped) this.#quality.capped += 1;
    const { reasoning } = result as Partial<ChatResult>;
    if (reasoning) this.#reasoning.push(reasoning);
  }

  /** Add a request that failed after `tries` tries. */
  recordFailure(tries = 1): void {
    this.#requests += tries;
    this.#quality.retries += tries - 1;
  }

  usage(): Usage {
    if (this.#reasoning.length === 0) return { promptTokens: this.#promptTokens, completionTokens: this.#completionTokens };
    // Counted apart from the answer's tokens (they are inside the completion tokens); unknown once one count is.
    const counts = this.#reasoning.map((r) => r.tokens);
    const reasoningTokens = counts.includes(null) ? null : counts.reduce<number>((sum, n) => sum + (n ?? 0), 0);
    return { promptTokens: this.#promptTokens, completionTokens: this.#completionTokens, reasoningTokens };
  }

  /** The reasoning of the case's answers; undefined when none had any. */
  reasoning(): ReasoningRecord[] | undefined {
    return this.#reasoning.length > 0 ? [...this.#reasoning] : undefined;
  }

  timing(): Timing {
    const latencyMs = this.#firstStart === null || this.#lastEnd === null ? 0 : this.#lastEnd - this.#firstStart;
    return { requests: this.#requests, ttftMs: this.#ttftMs, latencyMs };
  }

  /** Note a request's start and end times (performance.now()). */
  span(start: number, end: number): void {
    this.#firstStart = this.#firstStart === null ? start : Math.min(this.#firstStart, start);
    this.#lastEnd = this.#lastEnd === null ? end : Math.max(this.#lastEnd, end);
  }

  quality(): Quality {
    return { ...this.#quality };
  }

  /** The case's answers from the response cache; undefined when it had none. */
  cache(): CacheUse | undefined {
    return this.#cache.hits > 0 ? { ...this.#cache } : undefined;
  }

  #countCached(usage: ChatResult['usage']): void {
    const cache = this.#cache;
    cache.hits += 1;
    cache.promptTokens = usage === null || cache.promptTokens === null ? null : cache.promptTokens + usage.promptTokens;
    cache.completionTokens = usage === null || cache.completionTokens === null ? null : cache.completionTokens + usage.completionTokens;
  }
}

/** A client whose requests are counted in `ledger`; failures count their tries too. */
export function withLedger<C extends Pick<EvalClient, 'chat' | 'complete'>>(client: C, ledger: CaseLedger): C {
  const counted = async <R extends ChatResult | CompletionResult>(request: () => Promise<R>, scoringOnly = false): Promise<R> => {
    const start = performance.now();
    try {
      const result = await request();
      ledger.record(result, scoringOnly);
      return result;
    } catch (error) {
      ledger.recordFailure((error as { tries?: number }).tries ?? 1);
      throw error;
    } finally {
      ledger.span(start, performance.now());
    }
  };
  return {
    ...client,
    chat: (messages, sampling, signal, options) => counted(() => client.chat(messages, sampling, signal, options)),
    complete: (prompt, options) => counted(() => client.complete(prompt, options), options.maxTokens === 0),
  };
}
