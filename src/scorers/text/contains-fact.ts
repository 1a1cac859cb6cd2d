// Exact-fact checks for answers in prose: a text fact must appear as whole words, ignoring case; a number fact must
// appear as a number of equal value, to the decimals the answer gives (at least two, or all the fact has), and a
// small whole number also counts as its English word ("6" = "six").

/** One fact: a string, or alternatives any of which counts (`["6", "six"]`). */
export type Fact = string | readonly string[];

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];
const NUMBER = /^-?\d+(?:\.\d+)?$/;
const NUMBERS_IN_TEXT = /(?<![\p{L}\d.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\p{L}\d.])-?\d+(?:\.\d+)?/gu;

/** The first spelling of a fact, as records show it. */
export function showFact(fact: Fact): string {
  return typeof fact === 'string' ? fact : fact[0]!;
}

/**
 * Whether the answer states the fact.
 * @example containsFact('That is 6.21 miles.', '6.2137') // true
 */
export function containsFact(answer: string, fact: Fact): boolean {
  const spellings = typeof fact === 'string' ? [fact] : [...fact];
  return spellings.some((spelling) => (NUMBER.test(spelling) ? containsNumber(answer, spelling) : containsWords(answer, spelling)));
}

function containsWords(answer: string, words: string): boolean {
  const escaped = words.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(answer.toLowerCase());
}

function containsNumber(answer: string, fact: string): boolean {
  const value = Number(fact);
  const factDecimals = fact.includes('.') ? fact.length - fact.indexOf('.') - 1 : 0;
  for (const [token] of answer.matchAll(NUMBERS_IN_TEXT)) {
    const plain = token.replace(/,/g, '');
    const decimals = plain.includes('.') ? plain.length - plain.indexOf('.') - 1 : 0;
    if (Number(plain) === value) return true;
    if (decimals >= Math.min(2, factDecimals) && Number(plain) === roundTo(value, decimals)) return true;
  }
  const word = Number.isInteger(value) ? NUMBER_WORDS[value] : undefined;
  return word !== undefined && containsWords(answer, word);
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
