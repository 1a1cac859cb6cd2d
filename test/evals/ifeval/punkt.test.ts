import { describe, expect, test } from 'vitest';
import { countSentences, splitSentences } from '../../../src/evals/ifeval/nltk/punkt.ts';
import { wordTokenize } from '../../../src/evals/ifeval/nltk/word-tokenize.ts';

// Expected splits are NLTK's own output (PunktSentenceTokenizer with the English abbreviations and
// sentence starters and no orthographic table, i.e. this port's model; NLTKWordTokenizer on each sentence).

describe('Punkt sentence splitting', () => {
  test.each([
    [
      'Mr. Smith went to Washington. He arrived on Jan. 5 and left on Feb. 3.',
      ['Mr. Smith went to Washington.', 'He arrived on Jan. 5 and left on Feb. 3.'],
    ],
    ['Is it raining? Yes! It is.', ['Is it raining?', 'Yes!', 'It is.']],
    [
      'Here are the steps:\n1. Open the box.\n2. Take out the toy.\n3. Play.',
      ['Here are the steps:\n1.', 'Open the box.', '2.', 'Take out the toy.', '3.', 'Play.'],
    ],
    ['The U.S. economy grew. The U.S.A. is large.', ['The U.S. economy grew.', 'The U.S.A. is large.']],
    ['He said, "I am done." Then he left.', ['He said, "I am done."', 'Then he left.']],
    ['Wait... What happened? Nothing.', ['Wait... What happened?', 'Nothing.']],
    ['**Title**\n\nA line without a period\nAnother line', ['**Title**\n\nA line without a period\nAnother line']],
    ['Prices rose 3.5 percent. e.g. this one. i.e. that one.', ['Prices rose 3.5 percent.', 'e.g.', 'this one.', 'i.e.', 'that one.']],
    ['J. K. Rowling wrote books. A. Nother person did too.', ['J. K. Rowling wrote books.', 'A. Nother person did too.']],
    ['Option A. The first choice. Option b. the second.', ['Option A. The first choice.', 'Option b. the second.']],
    ['It costs $5.00. Really (it does.) Yes.', ['It costs $5.00.', 'Really (it does.)', 'Yes.']],
    ['See p. 5 for details. Dr. Who is here.', ['See p. 5 for details.', 'Dr. Who is here.']],
  ])('splits %j as NLTK does', (text, sentences) => {
    expect(splitSentences(text)).toEqual(sentences);
  });

  test('counts no sentence in empty or blank text', () => {
    expect(countSentences('')).toBe(0);
    expect(countSentences('   \n ')).toBe(0);
  });

  test('keeps a known collocation together: a number before "international"', () => {
    expect(countSentences('Sales rose 4. International demand grew.')).toBe(1);
    expect(countSentences('Sales rose 4. Domestic demand grew.')).toBe(2);
  });
});

describe('NLTK word tokenization', () => {
  test.each([
    ["I DON'T KNOW, BUT I'M SURE.", ['I', 'DO', "N'T", 'KNOW', ',', 'BUT', 'I', "'M", 'SURE', '.']],
    ['WE CANNOT GO; IT\'S "LATE" (REALLY)!', ['WE', 'CAN', 'NOT', 'GO', ';', 'IT', "'S", '``', 'LATE', "''", '(', 'REALLY', ')', '!']],
    ['GONNA WANNA GO', ['GON', 'NA', 'WAN', 'NA', 'GO']],
    // Two Punkt sentences, so the period after BIG is split off as the end of the first.
    ['THE U.S. IS BIG. NASA-LED TEAMS WIN...', ['THE', 'U.S.', 'IS', 'BIG', '.', 'NASA-LED', 'TEAMS', 'WIN', '...']],
    ["'TIS TRUE: 'HELLO' AND “QUOTES”", ["'T", 'IS', 'TRUE', ':', "'HELLO", "'", 'AND', '“', 'QUOTES', '”']],
  ])('tokenizes %j as NLTK does', (text, tokens) => {
    expect(wordTokenize(text)).toEqual(tokens);
  });
});
