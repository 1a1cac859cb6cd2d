import { pick } from './haystack.ts';
import { ADJECTIVES, NOUNS } from './vocabulary.ts';

// Needle keys and values in RULER's formats: keys are `adjective-noun` words, values 7-digit numbers; variable
// tracking uses 5-letter upper-case names and a 5-digit value.

/** A needle key such as `golden-harbor`. */
export function needleKey(rand: () => number): string {
  return `${pick(ADJECTIVES, rand)}-${pick(NOUNS, rand)}`;
}

/** A number of `digits` digits without a leading zero. */
export function randomNumber(rand: () => number, digits = 7): string {
  const low = 10 ** (digits - 1);
  return String(low + Math.floor(rand() * 9 * low));
}

/** A variable name of five upper-case letters. */
export function variableName(rand: () => number): string {
  let name = '';
  for (let i = 0; i < 5; i++) name += String.fromCharCode(65 + Math.floor(rand() * 26));
  return name;
}

/** `count` distinct values from `make`. */
export function distinct(count: number, make: () => string): string[] {
  const values = new Set<string>();
  while (values.size < count) values.add(make());
  return [...values];
}
