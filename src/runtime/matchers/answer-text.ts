import type { MatcherResult } from 'vitest';
import { ConfigError } from '../../shared/errors.ts';

// Matchers take an answer as a string or as a task's output (`{ text }`, e.g. a ChatResult).

/** What the matchers accept as an answer: its text, or an object with a `text` field (a chat or completion result). */
export type AnswerLike = string | { text: string };

/** What a synchronous matcher returns. */
export type SyncMatcherResult = Exclude<MatcherResult, Promise<unknown>>;

// The text of an answer; anything else is a mistake in the test, named with what came.
export function answerText(received: unknown, matcher: string): string {
  if (typeof received === 'string') return received;
  const text = (received as { text?: unknown } | null)?.text;
  if (typeof text === 'string') return text;
  throw new ConfigError(
    `expect(answer).${matcher}(): \`answer\` must be a string or an object with a \`text\` string (a chat result); received ${describe(received)}.`,
  );
}

// Shorten an answer for a failure message: one line, at most 200 characters.
export function clipAnswer(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object with keys ${Object.keys(value).join(', ') || '(none)'}`;
  return `${typeof value} ${String(value)}`;
}
