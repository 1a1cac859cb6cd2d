import type { Scorer } from '../scorer.ts';

/** Options of `exactMatch`. */
export interface ExactMatchOptions {
  /** Metric name. @default 'exact' */
  name?: string;
  /** Compare ignoring case. @default false */
  ignoreCase?: boolean;
  /** Compare with surrounding whitespace and a trailing period removed, inner whitespace collapsed. @default true */
  normalize?: boolean;
}

/**
 * Scores 1 when the whole answer equals the expected text (after optional normalisation).
 * @example exactMatch({ ignoreCase: true })
 */
export function exactMatch(options: ExactMatchOptions = {}): Scorer {
  const name = options.name ?? 'exact';
  const prepare = (text: string) => {
    let value = options.normalize === false ? text : text.trim().replace(/\s+/g, ' ').replace(/\.$/, '');
    if (options.ignoreCase) value = value.toLowerCase();
    return value;
  };
  return {
    name,
    kind: 'proportion',
    description: `the answer equals the expected text${options.ignoreCase ? ' (ignoring case)' : ''}`,
    score: ({ response, expected }) => {
      const answer = prepare(response);
      return { score: answer === prepare(String(expected ?? '')) ? 1 : 0, extracted: answer };
    },
  };
}
