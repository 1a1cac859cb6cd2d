import type { Scorer } from '../scorer.ts';

/** Options of `regexMatch`. */
export interface RegexMatchOptions<Item> {
  /** Metric name. @default 'regex' */
  name?: string;
  /** The pattern the answer must match, or one per case. */
  pattern: RegExp | ((item: Item) => RegExp);
  description?: string;
}

/**
 * Scores 1 when the answer matches the pattern; the match (its first group if any) is recorded as extracted.
 * @example regexMatch({ pattern: /\bParis\b/i })
 */
export function regexMatch<Item>(options: RegexMatchOptions<Item>): Scorer<Item> {
  const name = options.name ?? 'regex';
  return {
    name,
    kind: 'proportion',
    description:
      options.description ??
      (options.pattern instanceof RegExp ? `the answer matches ${options.pattern}` : 'the answer matches the case pattern'),
    score: ({ item, response }) => {
      const pattern = typeof options.pattern === 'function' ? options.pattern(item) : options.pattern;
      // A global or sticky pattern keeps state between calls; a fresh copy answers every case the same way.
      const match = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).exec(response);
      return { score: match ? 1 : 0, extracted: match ? (match[1] ?? match[0]) : null };
    },
  };
}
