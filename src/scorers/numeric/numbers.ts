// Numeric answers as numbers, not strings: `1,080`, `$1080`, `1080.00` and `1080.` are all 1080.

/** A number found in free text. */
export interface NumberToken {
  /** The characters as they appeared, e.g. `$1,080.00` or `3/4`. */
  text: string;
  /** Numeric value (a fraction's quotient). */
  value: number;
  /** Canonical spelling: no `$`, no thousands separators, no trailing zeros, e.g. `1080`, `-2.5`, `3/4`. */
  canonical: string;
  /** True for `a/b` and `\frac{a}{b}` tokens. */
  isFraction: boolean;
  /** Offset of the token in the (LaTeX-normalised) text. */
  index: number;
}

// A sign counts only when it is not a binary minus (`16-3` is 16 and 3, `= -3` is -3).
const SIGN = String.raw`(?:(?<![\w)\]}.])[-−])?`;
const DOLLAR = String.raw`(?:\\?\$\s?)?`;
const UNSIGNED = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)`;
const FRACTION_TAIL = String.raw`(?:\s?\/\s?(\d+))?`;
const NUMBER_PATTERN = new RegExp(`${SIGN}${DOLLAR}${UNSIGNED}${FRACTION_TAIL}(?![\\d])`, 'g');

// Rewrite the LaTeX spellings of numbers models use inside \boxed{} into plain text.
export function normalizeLatexNumbers(text: string): string {
  return text
    .replace(/\\[dt]?frac\s*\{\s*(-?\d+)\s*\}\s*\{\s*(\d+)\s*\}/g, '$1/$2')
    .replace(/\{,\}/g, ',')
    .replace(/(\d)\\[,!;: ](?=\d{3}\b)/g, '$1,')
    .replace(/\\%/g, '%');
}

// Drop trailing zeros of a decimal and turn -0 into 0.
function formatDecimal(value: number): string {
  if (Object.is(value, -0)) return '0';
  return String(Number(value.toPrecision(15)));
}

// Parse one matched token into its value.
function toToken(match: RegExpExecArray): NumberToken | null {
  const text = match[0];
  const denominatorText = match[1];
  const negative = /^[-−]/.test(text);
  const body = text
    .replace(/^[-−]/, '')
    .replace(/\\?\$\s?/, '')
    .replace(/\/.*$/s, '')
    .replace(/,/g, '')
    .trim();
  const magnitude = Number(body);
  if (!Number.isFinite(magnitude)) return null;
  const numerator = negative ? -magnitude : magnitude;
  if (denominatorText !== undefined) {
    const denominator = Number(denominatorText);
    if (denominator === 0) return null;
    return {
      text,
      value: numerator / denominator,
      canonical: `${formatDecimal(numerator)}/${denominator}`,
      isFraction: true,
      index: match.index,
    };
  }
  return { text, value: numerator, canonical: formatDecimal(numerator), isFraction: false, index: match.index };
}

/**
 * Every number in `text`, in order. Thousands separators must be well-formed (`1,2,3` is three numbers),
 * a `-` counts as a sign only where it cannot be a minus (`16-3` is 16 and 3), and `a/b` is one fraction token.
 * @example findNumbers('from $1,080.00 to -3/4').map((t) => t.canonical) // ['1080', '-3/4']
 */
export function findNumbers(text: string): NumberToken[] {
  const normalized = normalizeLatexNumbers(text);
  const tokens: NumberToken[] = [];
  for (const match of normalized.matchAll(NUMBER_PATTERN)) {
    const token = toToken(match);
    if (token) tokens.push(token);
  }
  return tokens;
}

/** The last number in `text`, or null when there is none. */
export function findLastNumber(text: string): NumberToken | null {
  // Only the last match is parsed (the one before it if that one is not a finite number): a worked answer holds
  // dozens of numbers, and parsing each was most of a case's scoring time.
  const matches = [...normalizeLatexNumbers(text).matchAll(NUMBER_PATTERN)];
  for (let i = matches.length - 1; i >= 0; i--) {
    const token = toToken(matches[i]!);
    if (token) return token;
  }
  return null;
}

/**
 * Parse a whole string as one number (a gold answer such as `1,080` or `-3/4`); null when it is not exactly one number.
 * @example parseNumber('$1,080.') // { value: 1080, canonical: '1080', ... }
 */
export function parseNumber(text: string): NumberToken | null {
  const trimmed = text.trim().replace(/\.$/, '');
  const tokens = findNumbers(trimmed);
  if (tokens.length !== 1) return null;
  const [token] = tokens as [NumberToken];
  const rest = normalizeLatexNumbers(trimmed).replace(token.text, '').trim();
  return rest === '' ? token : null;
}

/** Relative tolerance for float round-off (0.1 + 0.2 equals 0.3), far below any answer's precision. */
export const NUMBER_TOLERANCE = 1e-9;

/**
 * Compare a predicted number with the gold one. A fraction prediction only counts when the gold is itself a
 * fraction (GSM8K golds are integers, so `3/4` never matches `0.75`); values are compared, so 6/8 equals 3/4.
 */
export function numbersMatch(predicted: NumberToken, gold: NumberToken): boolean {
  if (predicted.isFraction && !gold.isFraction) return false;
  const scale = Math.max(1, Math.abs(predicted.value), Math.abs(gold.value));
  return Math.abs(predicted.value - gold.value) <= NUMBER_TOLERANCE * scale;
}
