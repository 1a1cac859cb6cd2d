import { ADJECTIVES, NOUNS, PREPOSITIONS, VERBS } from './vocabulary.ts';

// The haystack: plain sentences of random common words ("The quiet river crossed near the old lamp."), a stand-in for
// RULER's essays that needs no download and costs a known number of tokens, the same in Qwen's tokenizer and in the
// simulated vLLM's (see vocabulary.ts).

/** Tokens of one haystack sentence: `The` + adjective + noun + verb + preposition + `the` + noun + `.`. */
export const HAYSTACK_SENTENCE_TOKENS = 8;

/** Pick one element with a [0, 1) random number. */
export function pick<T>(items: readonly T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** One haystack sentence. */
export function haystackSentence(rand: () => number): string {
  return `The ${pick(ADJECTIVES, rand)} ${pick(NOUNS, rand)} ${pick(VERBS, rand)} ${pick(PREPOSITIONS, rand)} the ${pick(NOUNS, rand)}.`;
}
