import { z } from 'zod';
import { countSentences } from '../nltk/punkt.ts';
import { PY_SPACE, pyLstrip, pySplitWhitespace, pyStrip, pyWords } from '../python-text.ts';
import { compareCount, RelationSchema, type Check } from './types.ts';

// length_constraints:* — sentences (Punkt), paragraphs, words (`\w+`).

export const NumberSentencesKwargs = z.object({ num_sentences: z.number().int(), relation: RelationSchema });
/** length_constraints:number_sentences — Punkt sentence count against the threshold. */
export function checkNumberSentences({ num_sentences, relation }: z.infer<typeof NumberSentencesKwargs>): Check {
  return (response) => compareCount(countSentences(response), relation, num_sentences);
}

const DIVIDER = new RegExp(`[${PY_SPACE}]?\\*\\*\\*[${PY_SPACE}]?`, 'u');

export const NumberParagraphsKwargs = z.object({ num_paragraphs: z.number().int() });
/** length_constraints:number_paragraphs — exactly N paragraphs separated by `***`; an empty inner one fails. */
export function checkNumberParagraphs({ num_paragraphs }: z.infer<typeof NumberParagraphsKwargs>): Check {
  return (response) => {
    const paragraphs = response.split(DIVIDER);
    let count = paragraphs.length;
    for (const [index, paragraph] of paragraphs.entries()) {
      if (pyStrip(paragraph) !== '') continue;
      if (index === 0 || index === paragraphs.length - 1) count--;
      else return false;
    }
    return count === num_paragraphs;
  };
}

export const NumberWordsKwargs = z.object({ num_words: z.number().int(), relation: RelationSchema });
/** length_constraints:number_words — count of `\w+` runs against the threshold. */
export function checkNumberWords({ num_words, relation }: z.infer<typeof NumberWordsKwargs>): Check {
  return (response) => compareCount(pyWords(response).length, relation, num_words);
}

const FIRST_WORD_STOP = new Set(['.', ',', '?', '!', "'", '"']);

export const NthParagraphFirstWordKwargs = z
  .object({ num_paragraphs: z.number().int().positive(), nth_paragraph: z.number().int().positive(), first_word: z.string().min(1) })
  .refine((k) => k.nth_paragraph <= k.num_paragraphs, { message: '`nth_paragraph` must be at most `num_paragraphs`' });
/** length_constraints:nth_paragraph_first_word — N paragraphs split by blank lines, the nth starting with the word. */
export function checkNthParagraphFirstWord(kwargs: z.infer<typeof NthParagraphFirstWordKwargs>): Check {
  const expected = kwargs.first_word.toLowerCase();
  return (response) => {
    const paragraphs = response.split('\n\n');
    const count = paragraphs.filter((p) => pyStrip(p) !== '').length;
    if (kwargs.nth_paragraph > count) return false;
    const paragraph = pyStrip(paragraphs[kwargs.nth_paragraph - 1]!);
    if (paragraph === '') return false;
    const word = pyLstrip(pyLstrip(pyStrip(pySplitWhitespace(paragraph)[0]!), "'"), '"');
    let first = '';
    for (const letter of word) {
      if (FIRST_WORD_STOP.has(letter)) break;
      first += letter.toLowerCase();
    }
    return count === kwargs.num_paragraphs && first === expected;
  };
}
