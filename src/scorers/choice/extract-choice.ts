// Find the choice a free-text answer to a multiple-choice question settles on.

/** One answer option: the dataset's label (`A`, `3`) and its text. */
export interface Choice {
  label: string;
  text: string;
}

/** What the extractor found. `label` is null for `none` and `ambiguous`. */
export interface ChoiceExtraction {
  label: string | null;
  /** `statement`: an explicit answer phrase; `last-line`: a bare label or option text on the last line. */
  how: 'statement' | 'last-line' | 'none' | 'ambiguous';
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Markup allowed around a label: bold, parentheses, brackets, LaTeX math and \text{}, quotes.
const PRE = String.raw`(?:\*{1,2}|_{1,2}|\(|\[|\$|\\\(|\\text(?:bf)?\{|\\boxed\{|\\mathrm\{|["'“‘]|[^\S\n])*`;
const POST = String.raw`(?:\*{1,2}|_{1,2}|\)|\]|\$|\\\)|\}|["'”’])*`;
// Phrases that announce the answer; the label follows directly.
const LEAD = [
  String.raw`\banswer\b(?:[^\S\n]+to[^\S\n]+(?:this|the)[^\S\n]+question)?[^\S\n]*(?:(?:is|would be|should be|will be)[^\S\n]*:?|[:：=\-–])[^\S\n]*(?:(?:option|choice)[^\S\n]+)?`,
  String.raw`\b(?:option|choice)[^\S\n]+is[^\S\n]*:?[^\S\n]*`,
  String.raw`\b(?:i (?:would )?(?:choose|select|pick)|go with)[^\S\n]+(?:(?:option|choice|answer)[^\S\n]+)?`,
  String.raw`\\boxed\{`,
].join('|');

// Label followed by something that cannot continue a word or number.
function labelAlternation(choices: readonly Choice[]): string {
  return choices.map((c) => escapeRegExp(c.label)).join('|');
}

// Normalise option text for exact comparison: case, spacing, markup and final punctuation do not matter.
function normalizeText(text: string): string {
  return text
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '')
    .toLowerCase();
}

// The label whose option text equals `text`; 'ambiguous' when several options share it.
function matchOptionText(text: string, choices: readonly Choice[]): string | 'ambiguous' | null {
  const wanted = normalizeText(text);
  if (wanted === '') return null;
  const hits = choices.filter((c) => normalizeText(c.text) === wanted);
  if (hits.length > 1) return 'ambiguous';
  return hits[0]?.label ?? null;
}

// Explicit answer statements (`Answer: C`, `the answer is (C)`, `\boxed{C}`, `Answer: <option text>`,
// `C is correct`), ordered by position.
function findStatements(text: string, choices: readonly Choice[]): ChoiceExtraction[] {
  const labels = labelAlternation(choices);
  const boundary = String.raw`(?![A-Za-z0-9]|[.,]\d)`;
  const lead = new RegExp(`(?:${LEAD})`, 'gi');
  const labelAfter = new RegExp(`^${PRE}(${labels})${boundary}${POST}`);
  // After a line break only a label set off as such counts (`C)`, `**C.**`, `C` alone), not `A good ...`.
  const labelBelow = new RegExp(`^[^\\S\\n]*\\n\\s*${PRE}(${labels})${POST}(?:[).:]|[^\\S\\n]*(?:\\n|$))`);
  const another = new RegExp(`^[^\\S\\n]*(?:,|/|&|\\bor\\b|\\band\\b)${PRE}(?:${labels})${boundary}`);
  const labelFirst = new RegExp(
    `(?<![A-Za-z0-9])(?:(?:option|choice)[^\\S\\n]+)?${PRE}(${labels})${boundary}${POST}[^\\S\\n]+is[^\\S\\n]+(?:the[^\\S\\n]+)?(?:correct|right|best)\\b`,
    'g',
  );
  const found: { at: number; extraction: ChoiceExtraction }[] = [];
  for (const match of text.matchAll(lead)) {
    const rest = text.slice(match.index + match[0].length);
    const hit = labelAfter.exec(rest) ?? labelBelow.exec(rest);
    if (hit?.[1] !== undefined) {
      const ambiguous = another.test(rest.slice(hit[0].length));
      const extraction: ChoiceExtraction = ambiguous ? { label: null, how: 'ambiguous' } : { label: hit[1], how: 'statement' };
      found.push({ at: match.index, extraction });
      continue;
    }
    const line = rest.split('\n')[0] ?? '';
    const byText = matchOptionText(line.replace(/^[\s*:]+|[\s*]+$/g, ''), choices);
    if (byText === 'ambiguous') found.push({ at: match.index, extraction: { label: null, how: 'ambiguous' } });
    else if (byText !== null) found.push({ at: match.index, extraction: { label: byText, how: 'statement' } });
  }
  for (const match of text.matchAll(labelFirst)) {
    if (match[1] !== undefined) found.push({ at: match.index, extraction: { label: match[1], how: 'statement' } });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.extraction);
}

// A last line that is only a label (`C`, `(C)`, `**C**`, `C)`), a label with its option text, or an option text.
function readLastLine(text: string, choices: readonly Choice[]): ChoiceExtraction {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const line = (lines.at(-1) ?? '').replace(/^(?:#+|>|[-*•]\s)\s*/, '');
  const labels = labelAlternation(choices);
  const bare = new RegExp(`^${PRE}(${labels})${POST}[).:]?${POST}$`).exec(line);
  if (bare?.[1] !== undefined) return { label: bare[1], how: 'last-line' };
  const withText = new RegExp(`^${PRE}(${labels})${POST}(?:[).:]|\\s[-–])\\s*(.+)$`).exec(line);
  if (withText?.[1] !== undefined) {
    const option = choices.find((c) => c.label === withText[1]);
    const tail = (withText[2] ?? '').replace(/\*+$/, '');
    if (option && normalizeText(tail) === normalizeText(option.text)) return { label: option.label, how: 'last-line' };
  }
  const byText = matchOptionText(line, choices);
  if (byText === 'ambiguous') return { label: null, how: 'ambiguous' };
  return byText === null ? { label: null, how: 'none' } : { label: byText, how: 'last-line' };
}

/**
 * The final choice a response states. Explicit statements win (`Answer: C`, `The answer is (C).`,
 * `**Answer:** C) text`, `\boxed{C}`, `Answer: <option text>`), the last one counting; without any, the last
 * line is read as a bare label or an option's exact text. Labels are the dataset's own (`A`-`E` or `1`-`5`) and
 * must be a whole token, so letters inside words never count. Two labels in one statement (`A or C`) give
 * `ambiguous`, nothing found gives `none`; both have label null.
 */
export function extractChoice(text: string, choices: readonly Choice[]): ChoiceExtraction {
  const statements = findStatements(text, choices);
  const last = statements.at(-1);
  if (last) return last;
  return readLastLine(text, choices);
}
