import { PY_SPACE, PY_WORD } from '../python-text.ts';
import { splitSentences } from './punkt.ts';

// A port of NLTK's `word_tokenize` (Punkt sentences, then `NLTKWordTokenizer` on each), as of NLTK
// 3.8-3.9, which IFEval's capital-word count runs. Python's `\s`, `\d`, `\b` and `$` are translated.

const S = `[${PY_SPACE}]`;
const WORD_BOUNDARY_BEFORE = `(?<![${PY_WORD}])(?=[${PY_WORD}])`;
const WORD_BOUNDARY_AFTER = `(?<=[${PY_WORD}])(?![${PY_WORD}])`;
// Python's `$` without MULTILINE also matches just before a final newline.
const END = '(?=\\n?$)';

type Rule = readonly [RegExp, string];

const rule = (pattern: string, replacement: string, flags = ''): Rule => [new RegExp(pattern, `gu${flags}`), replacement];

const STARTING_QUOTES: Rule[] = [
  rule('([«“‘„]|[`]+)', ' $1 '),
  rule('^"', '``'),
  rule('(``)', ' $1 '),
  rule(`([ ([{<])("|'{2})`, '$1 `` '),
  rule(`(')(?!re|ve|ll|m|t|s|d|n)([${PY_WORD}])${WORD_BOUNDARY_AFTER}`, '$1 $2', 'i'),
];

const CLOSERS = `\\])}>"'»”’ `;
const PUNCTUATION: Rule[] = [
  rule(`([^.])(\\.)([${CLOSERS}]*)${S}*${END}`, '$1 $2 $3 '),
  rule('([:,])([^\\p{Nd}])', ' $1 $2'),
  rule(`([:,])${END}`, ' $1 '),
  rule('\\.{2,}', ' $& '),
  rule('[;@#$%&]', ' $& '),
  rule(`([^.])(\\.)([\\])}>"']*)${S}*${END}`, '$1 $2$3 '),
  rule('[?!]', ' $& '),
  rule("([^'])' ", "$1 ' "),
  rule('[*]', ' $& '),
];

const PARENS_BRACKETS = rule('[\\][(){}<>]', ' $& ');
const DOUBLE_DASHES = rule('--', ' -- ');

const ENDING_QUOTES: Rule[] = [
  rule('([»”’])', ' $1 '),
  rule("''", " '' "),
  rule('"', " '' "),
  rule("([^' ])('[sS]|'[mM]|'[dD]|') ", '$1 $2 '),
  rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", '$1 $2 '),
];

const CONTRACTIONS: Rule[] = [
  ['(can)(not)', ''],
  ["(d)('ye)", ''],
  ['(gim)(me)', ''],
  ['(gon)(na)', ''],
  ['(got)(ta)', ''],
  ['(lem)(me)', ''],
  ["(more)('n)", ''],
]
  .map(([body]) => rule(`${WORD_BOUNDARY_BEFORE}${body}${WORD_BOUNDARY_AFTER}`, ' $1 $2 ', 'i'))
  .concat([
    rule(`${WORD_BOUNDARY_BEFORE}(wan)(na)(?=${S})`, ' $1 $2 ', 'i'),
    rule(` ('t)(is)${WORD_BOUNDARY_AFTER}`, ' $1 $2 ', 'i'),
    rule(` ('t)(was)${WORD_BOUNDARY_AFTER}`, ' $1 $2 ', 'i'),
  ]);

function applyRules(text: string, rules: readonly Rule[]): string {
  return rules.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text);
}

// NLTKWordTokenizer.tokenize for one sentence.
function tokenizeSentence(sentence: string): string[] {
  let text = applyRules(sentence, STARTING_QUOTES);
  text = applyRules(text, PUNCTUATION);
  text = applyRules(text, [PARENS_BRACKETS, DOUBLE_DASHES]);
  text = applyRules(` ${text} `, ENDING_QUOTES);
  text = applyRules(text, CONTRACTIONS);
  return text.split(new RegExp(`${S}+`, 'u')).filter((token) => token !== '');
}

/** Tokens of `text` as NLTK's `word_tokenize(text)` (English) returns them. */
export function wordTokenize(text: string): string[] {
  return splitSentences(text).flatMap(tokenizeSentence);
}
