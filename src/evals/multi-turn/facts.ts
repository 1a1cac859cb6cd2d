import type { Fact } from './reader.ts';

// Exact-fact checks: a fact is found when it appears as whole words, ignoring case; small whole numbers also match
// their English words ("6" = "six"), since "Answer with just the number" is answered both ways.

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

/** The spellings that count for a fact. */
export function factSpellings(fact: Fact): string[] {
  const spellings = typeof fact === 'string' ? [fact] : [...fact];
  for (const spelling of [...spellings]) {
    const word = /^\d+$/.test(spelling) ? NUMBER_WORDS[Number(spelling)] : undefined;
    if (word) spellings.push(word);
  }
  return spellings;
}

/** Whether the answer contains the fact as whole words (letters and digits around it end a match). */
export function containsFact(answer: string, fact: Fact): boolean {
  const text = answer.toLowerCase();
  return factSpellings(fact).some((spelling) => {
    const escaped = spelling.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
  });
}

/** The first spelling of a fact, as shown in records. */
export function showFact(fact: Fact): string {
  return typeof fact === 'string' ? fact : fact[0]!;
}
