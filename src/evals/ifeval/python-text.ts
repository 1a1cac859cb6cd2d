// Python `str` and `re` semantics the IFEval reference relies on, where JavaScript differs:
// whitespace (`str.isspace`, `\s`), word characters (`\w` is Unicode-aware in Python 3),
// case predicates (`isupper`/`islower`), and `.` / `^` / `$` which treat only `\n` as a line break.

/** Characters Python's `str.isspace()` and `re`'s `\s` accept (JS `\s` adds U+FEFF and lacks U+001C-U+001F, U+0085). */
export const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** Python's `\w` for `str` patterns: letters, numbers and underscore in any script. */
export const PY_WORD = '\\p{L}\\p{N}_';

const LEADING_SPACE = new RegExp(`^[${PY_SPACE}]+`, 'u');
const TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`, 'u');
const SPACE_RUN = new RegExp(`[${PY_SPACE}]+`, 'u');
const WORDS = new RegExp(`[${PY_WORD}]+`, 'gu');
const HAS_LOWER_OR_TITLE = /[\p{Lowercase}\p{Lt}]/u;
const HAS_UPPER_OR_TITLE = /[\p{Uppercase}\p{Lt}]/u;
const HAS_UPPER = /\p{Uppercase}/u;
const HAS_LOWER = /\p{Lowercase}/u;

// Escape a literal for use inside a character class.
function escapeClass(chars: string): string {
  return chars.replace(/[\\\][^-]/g, '\\$&');
}

/** Python `s.strip(chars)`; without `chars`, strips Python whitespace. */
export function pyStrip(s: string, chars?: string): string {
  return pyRstrip(pyLstrip(s, chars), chars);
}

/** Python `s.lstrip(chars)`. */
export function pyLstrip(s: string, chars?: string): string {
  if (chars === undefined) return s.replace(LEADING_SPACE, '');
  return chars === '' ? s : s.replace(new RegExp(`^[${escapeClass(chars)}]+`, 'u'), '');
}

/** Python `s.rstrip(chars)`. */
export function pyRstrip(s: string, chars?: string): string {
  if (chars === undefined) return s.replace(TRAILING_SPACE, '');
  return chars === '' ? s : s.replace(new RegExp(`[${escapeClass(chars)}]+$`, 'u'), '');
}

/** Python `s.split()` (no separator): runs of whitespace split, empty pieces dropped. */
export function pySplitWhitespace(s: string): string[] {
  return s.split(SPACE_RUN).filter((piece) => piece !== '');
}

/** Python `re.findall(r"\w+", s)`. */
export function pyWords(s: string): string[] {
  return s.match(WORDS) ?? [];
}

/** Python `s.isupper()`: at least one cased character and no lowercase or titlecase one. */
export function pyIsUpper(s: string): boolean {
  return HAS_UPPER.test(s) && !HAS_LOWER_OR_TITLE.test(s);
}

/** Python `s.islower()`: at least one cased character and no uppercase or titlecase one. */
export function pyIsLower(s: string): boolean {
  return HAS_LOWER.test(s) && !HAS_UPPER_OR_TITLE.test(s);
}

/** Escape text for use as a literal in a JS regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
