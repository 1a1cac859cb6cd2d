import { PY_SPACE, pyStrip, pyRstrip } from '../python-text.ts';
import { PUNKT_ABBREVIATIONS, PUNKT_COLLOCATIONS, PUNKT_SENTENCE_STARTERS } from './punkt-english.ts';

// A port of the sentence splitting of NLTK's `PunktTokenizer` (NLTK >= 3.8.2, the version IFEval's
// `count_sentences` runs) with the English model. Only tokenization is ported, never training.
// One part of the model is not shipped: the orthographic-context table (how each of ~24,000 word
// types was seen capitalised or not). It is consulted only after an abbreviation, an ellipsis, an
// initial or a number that ends in a period; every type then reads as "never seen" (context 0), so a
// lowercase word after a number or an initial continues the sentence and a capitalised word after
// an abbreviation or ellipsis does not start one unless it is a frequent sentence starter.

const ORTHO_BEG_LC = 1 << 4;
const ORTHO_LC = (1 << 4) | (1 << 5) | (1 << 6);
const ORTHO_UC = (1 << 1) | (1 << 2) | (1 << 3);
const ORTHO_MID_UC = 1 << 2;

const NON_WORD = `[?!)";}\\]*:@'({[]`;
const MULTI_CHAR = `(?:-{2,}|\\.{2,}|(?:\\.[${PY_SPACE}]){2,}\\.)`;
const WORD_START = `[^("\`{\\[:;&#*@)}\\]\\-,]`;
const S = `[${PY_SPACE}]`;
const NOT_S = `[^${PY_SPACE}]`;
const WORD_TOKEN = new RegExp(
  `${MULTI_CHAR}|(?=${WORD_START})${NOT_S}+?(?=${S}|$|${NON_WORD}|${MULTI_CHAR}|,(?=$|${S}|${NON_WORD}|${MULTI_CHAR}))|${NOT_S}`,
  'gu',
);
const PERIOD_CONTEXT = new RegExp(`[.?!](?=(?<after>${NON_WORD}|${S}+(?<next>${NOT_S}+)))`, 'gu');
const BOUNDARY_REALIGNMENT = new RegExp(`^["')\\]}]+?(?:${S}+|(?=--)|(?![^\\n]))`, 'u');
const NUMERIC = /^-?[.,]?\p{Nd}[\p{Nd},.-]*\.?$/u;
const ELLIPSIS = /^\.\.+$/;
const PY_ASCII_WHITESPACE = ' \t\n\r\v\f';

interface Token {
  tok: string;
  type: string;
  periodFinal: boolean;
  sentbreak: boolean;
  abbr: boolean;
  ellipsis: boolean;
}

// Python `tok[0].isupper()` / `islower()` on the first code point.
function firstChar(tok: string): string {
  return String.fromCodePoint(tok.codePointAt(0)!);
}
function firstUpper(tok: string): boolean {
  const c = firstChar(tok);
  return /\p{Uppercase}/u.test(c) && !/\p{Lt}/u.test(c);
}
function firstLower(tok: string): boolean {
  return /\p{Lowercase}/u.test(firstChar(tok));
}

// Initials are one letter (Python `[^\W\d]`: a word character that is not a decimal digit) plus a period.
function isInitial(tok: string): boolean {
  const chars = Array.from(tok);
  return chars.length === 2 && chars[1] === '.' && /[\p{L}\p{N}_]/u.test(chars[0]!) && !/\p{Nd}/u.test(chars[0]!);
}

function makeToken(tok: string): Token {
  const lower = tok.toLowerCase();
  return {
    tok,
    type: NUMERIC.test(lower) ? '##number##' : lower,
    periodFinal: tok.endsWith('.'),
    sentbreak: false,
    abbr: false,
    ellipsis: false,
  };
}

function typeNoPeriod(token: Token): string {
  return token.type.length > 1 && token.type.endsWith('.') ? token.type.slice(0, -1) : token.type;
}

function typeNoSentPeriod(token: Token): string {
  return token.sentbreak ? typeNoPeriod(token) : token.type;
}

// Stand-in for the orthographic-context table: every type reads as unseen (see the module comment).
function orthoContext(_type: string): number {
  return 0;
}

// Punkt's word segmentation of one context string, line by line.
function tokenizeWords(text: string): Token[] {
  const tokens: Token[] = [];
  for (const line of text.split('\n')) {
    if (pyStrip(line) === '') continue;
    for (const match of line.matchAll(WORD_TOKEN)) tokens.push(makeToken(match[0]));
  }
  return tokens;
}

// First pass: decisions from each token alone.
function annotateFirstPass(token: Token): void {
  const tok = token.tok;
  if (tok === '.' || tok === '?' || tok === '!') token.sentbreak = true;
  else if (ELLIPSIS.test(tok)) token.ellipsis = true;
  else if (token.periodFinal && !tok.endsWith('..')) {
    const stem = tok.slice(0, -1).toLowerCase();
    if (PUNKT_ABBREVIATIONS.has(stem) || PUNKT_ABBREVIATIONS.has(stem.split('-').at(-1)!)) token.abbr = true;
    else token.sentbreak = true;
  }
}

// Orthographic heuristic: does `token` start a sentence? `null` stands for Punkt's "unknown".
function orthoHeuristic(token: Token): boolean | null {
  if (';:,.!?'.includes(token.tok)) return false;
  const context = orthoContext(typeNoSentPeriod(token));
  if (firstUpper(token.tok) && context & ORTHO_LC && !(context & ORTHO_MID_UC)) return true;
  if (firstLower(token.tok) && (context & ORTHO_UC || !(context & ORTHO_BEG_LC))) return false;
  return null;
}

// Second pass: decisions that look at the next token.
function annotateSecondPass(token: Token, next: Token | undefined): void {
  if (!next || !token.periodFinal) return;
  const type = typeNoPeriod(token);
  const nextType = typeNoSentPeriod(next);
  const initial = isInitial(token.tok);
  if (PUNKT_COLLOCATIONS.has(`${type} ${nextType}`)) {
    token.sentbreak = false;
    token.abbr = true;
    return;
  }
  if ((token.abbr || token.ellipsis) && !initial) {
    if (orthoHeuristic(next) === true) {
      token.sentbreak = true;
      return;
    }
    if (firstUpper(next.tok) && PUNKT_SENTENCE_STARTERS.has(nextType)) {
      token.sentbreak = true;
      return;
    }
  }
  if (initial || type === '##number##') {
    const starter = orthoHeuristic(next);
    if (starter === false) {
      token.sentbreak = false;
      token.abbr = true;
      return;
    }
    if (starter === null && initial && firstUpper(next.tok) && !(orthoContext(nextType) & ORTHO_LC)) {
      token.sentbreak = false;
      token.abbr = true;
    }
  }
}

// Does a context string hold a sentence break before its last token?
function containsSentenceBreak(context: string): boolean {
  const tokens = tokenizeWords(context);
  for (const token of tokens) annotateFirstPass(token);
  for (const [index, token] of tokens.entries()) {
    annotateSecondPass(token, tokens[index + 1]);
    if (token.sentbreak && index < tokens.length - 1) return true;
  }
  return false;
}

// Index of the last ASCII whitespace in `text`, or 0 when there is none (Punkt's own quirk: 0 is also "none").
function lastWhitespaceIndex(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (PY_ASCII_WHITESPACE.includes(text[i]!)) return i;
  return 0;
}

interface Slice {
  start: number;
  stop: number;
}

// Candidate sentence ends with their context (previous word + end char + what follows), merging overlaps.
function* potentialEndContexts(text: string): Generator<{ match: RegExpExecArray; context: string }> {
  let previous: Slice = { start: 0, stop: 0 };
  let previousMatch: RegExpExecArray | null = null;
  const contextOf = (match: RegExpExecArray, slice: Slice) => text.slice(slice.start, slice.stop) + match[0] + match.groups!.after!;
  for (const match of text.matchAll(PERIOD_CONTEXT) as IterableIterator<RegExpExecArray>) {
    const before = text.slice(previous.stop, match.index);
    let start = lastWhitespaceIndex(before);
    start = start ? start + previous.stop + 1 : previous.start;
    const wordSlice = { start, stop: match.index };
    if (previousMatch && previous.stop <= wordSlice.start) yield { match: previousMatch, context: contextOf(previousMatch, previous) };
    previousMatch = match;
    previous = wordSlice;
  }
  if (previousMatch) yield { match: previousMatch, context: contextOf(previousMatch, previous) };
}

function* sentenceSlices(text: string): Generator<Slice> {
  let lastBreak = 0;
  for (const { match, context } of potentialEndContexts(text)) {
    if (!containsSentenceBreak(context)) continue;
    const end = match.index + match[0].length;
    yield { start: lastBreak, stop: end };
    lastBreak = match.groups!.next !== undefined ? end + match.groups!.after!.indexOf(match.groups!.next) : end;
  }
  yield { start: lastBreak, stop: pyRstrip(text).length };
}

// Move closing quotes and brackets that follow a break onto the sentence they close.
function realignBoundaries(text: string, slices: Slice[]): Slice[] {
  const result: Slice[] = [];
  let realign = 0;
  for (const [index, slice] of slices.entries()) {
    const current = { start: slice.start + realign, stop: slice.stop };
    const next = slices[index + 1];
    if (!next) {
      if (current.stop > current.start) result.push(current);
      continue;
    }
    const m = BOUNDARY_REALIGNMENT.exec(text.slice(next.start, next.stop));
    if (m) {
      result.push({ start: current.start, stop: next.start + pyRstrip(m[0]).length });
      realign = m[0].length;
    } else {
      realign = 0;
      if (current.stop > current.start) result.push(current);
    }
  }
  return result;
}

/** Split text into sentences the way NLTK's English `PunktTokenizer().tokenize(text)` does. */
export function splitSentences(text: string): string[] {
  return realignBoundaries(text, [...sentenceSlices(text)]).map((s) => text.slice(s.start, s.stop));
}

/** Number of sentences in `text`: IFEval's `count_sentences`. */
export function countSentences(text: string): number {
  return splitSentences(text).length;
}
