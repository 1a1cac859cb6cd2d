import { ScorerError } from '../../shared/errors.ts';
import type { Scorer } from '../scorer.ts';
import { extractBoxedNumber, extractFinalAnswerLine, extractLastNumber } from './extract.ts';
import { findLastNumber, numbersMatch, parseNumber, type NumberToken } from './numbers.ts';

/** Where the answer's number is read from. */
export type NumberExtraction =
  /** The number in the last `\boxed{}` (Qwen's math prompts); no box = unparseable. */
  | 'boxed'
  /** The last number anywhere in the answer (lm-eval's flexible extract). */
  | 'last-number'
  /** The first number on the last line starting `A:` (OpenAI's GSM8K exemplars). */
  | 'final-answer-line'
  /** The first capture group (else the match) of a pattern; its last number counts. */
  | RegExp
  /** Your own extractor: the text holding the answer, or null. */
  | ((response: string) => string | null);

/** Options of `numericMatch`. */
export interface NumericMatchOptions {
  /** Metric name. @default 'numeric' */
  name?: string;
  /** @default 'last-number' */
  extract?: NumberExtraction;
  description?: string;
}

/**
 * Scores 1 when the number read from the answer equals the expected number, as numbers: `1,080`, `$1080` and
 * `1080.00` all equal 1080, `3/4` equals 0.75. Nothing to read = unparseable (scored 0 and counted apart). An
 * expected value that is not a number is an error in the dataset, not a wrong answer.
 * @example numericMatch({ name: 'strict', extract: 'boxed' })
 */
export function numericMatch(options: NumericMatchOptions = {}): Scorer {
  const name = options.name ?? 'numeric';
  const extract = options.extract ?? 'last-number';
  return {
    name,
    kind: 'proportion',
    description: options.description ?? `the ${describeExtraction(extract)} equals the expected number`,
    score: ({ response, expected }) => matchNumber(response, expected, extract, name),
  };
}

/**
 * The core of `numericMatch`: 1 when the number read from `response` equals `expected`, with what was read.
 * @example matchNumber('so \\boxed{1,080}', '1080', 'boxed') // { score: 1, extracted: '1080' }
 */
export function matchNumber(
  response: string,
  expected: unknown,
  extract: NumberExtraction,
  name = 'numeric',
): { score: number; extracted: string | null } {
  const gold = parseNumber(String(expected ?? ''));
  if (!gold) throw new ScorerError(`numericMatch "${name}": the expected answer ${JSON.stringify(expected)} is not a number.`);
  const found = extractNumber(response, extract);
  return { score: found !== null && numbersMatch(found, gold) ? 1 : 0, extracted: found?.canonical ?? null };
}

/** Read a number from an answer the way `numericMatch` does. */
export function extractNumber(response: string, extract: NumberExtraction): NumberToken | null {
  if (extract === 'boxed') return extractBoxedNumber(response);
  if (extract === 'last-number') return extractLastNumber(response);
  if (extract === 'final-answer-line') return extractFinalAnswerLine(response);
  if (extract instanceof RegExp) {
    const match = extract.exec(response);
    return match ? findLastNumber(match[1] ?? match[0]) : null;
  }
  const text = extract(response);
  return text === null ? null : findLastNumber(text);
}

function describeExtraction(extract: NumberExtraction): string {
  if (extract === 'boxed') return 'number in the last \\boxed{}';
  if (extract === 'last-number') return 'last number in the answer';
  if (extract === 'final-answer-line') return 'number on the last `A:` line';
  return 'extracted number';
}
