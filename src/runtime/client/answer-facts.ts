import { z } from 'zod';

// Data-quality facts every client result carries, for the run record and tracker to count per dataset.

/** Longest answer kept for storage and scoring; longer answers are cut to it and the cut recorded. @unit characters @default 1048576 */
export const DEFAULT_ANSWER_CAP_CHARS = 1_048_576;

/** Tokens of one request as the server counted them. */
export const TokenUsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
});
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

/** What the harness can say about an answer's quality, apart from its content. */
export const AnswerFactsSchema = z.object({
  /** The server's `finish_reason` (`stop`, `length`, ...); null when it sent none. */
  finishReason: z.string().nullable(),
  /** null when the server sent no usage (a streamed answer without its usage chunk): tokens unknown. */
  usage: TokenUsageSchema.nullable(),
  /** The server returned more completion tokens than `max_tokens` asked for: it ignores the limit. */
  overLength: z.boolean(),
  /** Set when the answer was longer than the cap and was cut to it for storage and scoring. */
  capped: z.object({ originalChars: z.number().int().positive() }).nullable(),
  /** Tries the request took, the successful one included. */
  tries: z.number().int().positive(),
  /** The run's dispatcher answered from its response cache: no server was asked. @default false */
  cached: z.boolean().optional(),
});
export type AnswerFacts = z.infer<typeof AnswerFactsSchema>;

// More completion tokens than asked for; unknown usage is not evidence of anything.
export function isOverLength(usage: TokenUsage | null, maxTokens: number): boolean {
  return usage !== null && usage.completionTokens > maxTokens;
}

// Usage from the server's snake_case block, or null when absent or unreadable.
export function readUsage(usage: { prompt_tokens?: unknown; completion_tokens?: unknown } | null | undefined): TokenUsage | null {
  const parsed = TokenUsageSchema.safeParse({ promptTokens: usage?.prompt_tokens, completionTokens: usage?.completion_tokens });
  return parsed.success ? parsed.data : null;
}

/** Accumulates streamed text up to a cap, counting what lies beyond it without keeping it. */
export class CappedText {
  #parts: string[] = [];
  #kept = 0;
  #total = 0;
  constructor(private readonly cap: number = DEFAULT_ANSWER_CAP_CHARS) {}

  append(piece: string): void {
    this.#total += piece.length;
    if (this.#kept >= this.cap) return;
    const room = this.cap - this.#kept;
    const kept = piece.length > room ? piece.slice(0, room) : piece;
    this.#parts.push(kept);
    this.#kept += kept.length;
  }

  /** The kept text and, when something was cut, the original length. */
  result(): { text: string; capped: { originalChars: number } | null } {
    return { text: this.#parts.join(''), capped: this.#total > this.#kept ? { originalChars: this.#total } : null };
  }
}

// Cap a text received whole.
export function capText(text: string, cap: number = DEFAULT_ANSWER_CAP_CHARS): { text: string; capped: { originalChars: number } | null } {
  const buffer = new CappedText(cap);
  buffer.append(text);
  return buffer.result();
}
