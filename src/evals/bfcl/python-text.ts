// Python's str helpers the Java/JavaScript converters rely on: strip(), int(str), float(str) and
// standardize_string's normaliser. Their edge cases differ from JS's trim() and Number().

// str.isspace() characters (JS's \s also has U+FEFF and lacks U+001C..U+001F and U+0085).
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_SPACE = new RegExp(`^[${PY_SPACE}]+`);
const TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`);

// Python allows one underscore between digits in int() and float() literals.
const DIGITS = '[0-9](?:_?[0-9])*';
const INT_TEXT = new RegExp(`^[+-]?${DIGITS}$`);
const FLOAT_TEXT = new RegExp(`^[+-]?(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);
const FLOAT_WORD = /^([+-]?)(inf|infinity|nan)$/i;

/** Python's `text.strip()` with no argument. */
export function pyStrip(text: string): string {
  return text.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
}

/** Python's `text.strip(chars)`: drop any of `chars` from both ends. */
export function pyStripChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start]!)) start++;
  while (end > start && chars.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/** Python's `int(text)` (base 10); undefined where Python raises `ValueError`. */
export function pyIntFromText(text: string): bigint | undefined {
  const body = pyStrip(text);
  return INT_TEXT.test(body) ? BigInt(body.replaceAll('_', '')) : undefined;
}

/** Python's `float(text)`; undefined where Python raises `ValueError`. */
export function pyFloatFromText(text: string): number | undefined {
  const body = pyStrip(text);
  const word = FLOAT_WORD.exec(body);
  if (word) {
    if (word[2]!.toLowerCase() === 'nan') return Number.NaN;
    return word[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return FLOAT_TEXT.test(body) ? Number(body.replaceAll('_', '')) : undefined;
}

/**
 * BFCL's `standardize_string`: drop spaces and `, . / - _ * ^`, lowercase, turn `'` into `"`, so that
 * "April 1, 2024" and "april 1 2024" compare equal.
 */
export function standardizeString(text: string): string {
  return text
    .replace(/[ ,./\-_*^]/g, '')
    .toLowerCase()
    .replaceAll("'", '"');
}
