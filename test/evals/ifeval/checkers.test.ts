import { describe, expect, test } from 'vitest';
import { ScorerError } from '../../../src/shared/errors.ts';
import { buildCheck, INSTRUCTION_IDS } from '../../../src/evals/ifeval/registry.ts';
import type { CheckContext } from '../../../src/evals/ifeval/checkers/types.ts';

const english: CheckContext = { detectLanguage: () => 'en' };
const undetectable: CheckContext = { detectLanguage: () => null };
const check = (id: string, kwargs: Record<string, unknown> = {}, context = english) => buildCheck(id, kwargs, context);

describe('registry', () => {
  test('holds the 25 registered instruction ids', () => {
    expect(INSTRUCTION_IDS).toHaveLength(25);
  });

  test('rejects an unknown id, naming it', () => {
    expect(() => check('detectable_format:rephrase')).toThrow(ScorerError);
    expect(() => check('detectable_format:rephrase')).toThrow(/detectable_format:rephrase/);
  });

  test('rejects kwargs the reference would replace by random values, naming the field', () => {
    expect(() => check('keywords:frequency', { keyword: 'x', frequency: 2 })).toThrow(/relation/);
  });
});

describe('keywords', () => {
  test('existence matches keywords case-insensitively anywhere', () => {
    expect(check('keywords:existence', { keywords: ['Mouse', 'cat'] })('A CAT chased a mousetrap.')).toBe(true);
    expect(check('keywords:existence', { keywords: ['dog'] })('A cat.')).toBe(false);
  });

  test('frequency counts non-overlapping case-insensitive occurrences', () => {
    const atLeast3 = check('keywords:frequency', { keyword: 'ha', frequency: 3, relation: 'at least' });
    expect(atLeast3('Ha ha HA')).toBe(true);
    expect(atLeast3('Ha ha')).toBe(false);
    expect(check('keywords:frequency', { keyword: 'ha', frequency: 2, relation: 'less than' })('ha')).toBe(true);
  });

  test('forbidden words need Unicode word boundaries (Python \\b): "café" does not contain "caf"', () => {
    const noCaf = check('keywords:forbidden_words', { forbidden_words: ['caf'] });
    expect(noCaf('Un café noir.')).toBe(true);
    expect(noCaf('The CAF is here.')).toBe(false);
  });

  test('letter frequency counts the letter after lower()', () => {
    expect(check('keywords:letter_frequency', { letter: 'q', let_frequency: 2, let_relation: 'at least' })('Quick q')).toBe(true);
    expect(check('keywords:letter_frequency', { letter: 'q', let_frequency: 2, let_relation: 'less than' })('Quick q')).toBe(false);
  });
});

describe('length constraints', () => {
  test('number_words counts Unicode \\w+ runs: combining marks split Devanagari words as in Python', () => {
    expect(check('length_constraints:number_words', { num_words: 3, relation: 'less than' })('naïve café')).toBe(true);
    // Python: re.findall(r"\w+", "हिंदी") == ["ह", "द"]: vowel signs are marks, not \w.
    expect(check('length_constraints:number_words', { num_words: 2, relation: 'less than' })('हिंदी')).toBe(false);
  });

  test('number_sentences uses Punkt: abbreviations do not end sentences', () => {
    const atLeast2 = check('length_constraints:number_sentences', { num_sentences: 2, relation: 'at least' });
    expect(atLeast2('Mr. Smith left.')).toBe(false);
    expect(atLeast2('Smith left. He came back.')).toBe(true);
  });

  test('number_paragraphs splits on *** and fails on an empty paragraph in the middle', () => {
    const two = check('length_constraints:number_paragraphs', { num_paragraphs: 2 });
    expect(two('One\n***\nTwo')).toBe(true);
    expect(two('***\nOne\n***\nTwo\n***')).toBe(true);
    expect(two('One\n***\n***\nTwo')).toBe(false);
  });

  test('nth_paragraph_first_word strips quotes and stops at punctuation', () => {
    const second = check('length_constraints:nth_paragraph_first_word', { num_paragraphs: 2, nth_paragraph: 2, first_word: 'Then' });
    expect(second('First.\n\n"Then, later."')).toBe(true);
    expect(second('First.\n\nNow.')).toBe(false);
    expect(second('First.\n\nThen.\n\nMore.')).toBe(false);
  });
});

describe('detectable content and format', () => {
  test('placeholders do not span lines (Python `.` stops only at \\n)', () => {
    const two = check('detectable_content:number_placeholders', { num_placeholders: 2 });
    expect(two('[name] and [address]')).toBe(true);
    expect(two('[name\n] and [address]')).toBe(false);
  });

  test('postscript matches P.P.S with optional spaces, in any case, anywhere', () => {
    expect(check('detectable_content:postscript', { postscript_marker: 'P.P.S' })('Bye.\np. p. s. more')).toBe(true);
    expect(check('detectable_content:postscript', { postscript_marker: 'P.S.' })('Bye. PS more')).toBe(false);
  });

  test('bullet lists count lines starting with "* " or "-" but not "**"', () => {
    const three = check('detectable_format:number_bullet_lists', { num_bullets: 3 });
    expect(three('Intro\n* one\n  - two\n- three\n**bold**')).toBe(true);
    expect(three('* one\n* two')).toBe(false);
  });

  test('a carriage return does not start a line for bullets (Python MULTILINE sees only \\n)', () => {
    expect(check('detectable_format:number_bullet_lists', { num_bullets: 1 })('* one\r* two')).toBe(true);
  });

  test('highlights count a non-empty *x* and a non-empty **x**, ignoring empty ones', () => {
    expect(check('detectable_format:number_highlighted_sections', { num_highlights: 2 })('*a* **b**')).toBe(true);
    expect(check('detectable_format:number_highlighted_sections', { num_highlights: 2 })('**b**')).toBe(false);
    expect(check('detectable_format:number_highlighted_sections', { num_highlights: 1 })('** ** and * *')).toBe(false);
  });

  test('multiple_sections counts "<splitter> <number>" markers, case-sensitive', () => {
    const two = check('detectable_format:multiple_sections', { section_spliter: 'SECTION', num_sections: 2 });
    expect(two('SECTION 1\na\nSECTION 2\nb')).toBe(true);
    expect(two('Section 1\na\nSection 2\nb')).toBe(false);
  });

  test('json_format accepts a fenced object and Python-only constants, rejects prose', () => {
    const json = check('detectable_format:json_format');
    expect(json('```json\n{"a": [1, 2]}\n```')).toBe(true);
    expect(json('{"x": NaN, "y": -Infinity}')).toBe(true);
    expect(json('Here is JSON: {"a": 1}')).toBe(false);
  });

  test('constrained_response and title', () => {
    expect(check('detectable_format:constrained_response')('Well. My answer is maybe.')).toBe(true);
    expect(check('detectable_format:constrained_response')('My answer is probably yes.')).toBe(false);
    expect(check('detectable_format:title')('<<My Title>>\ntext')).toBe(true);
    expect(check('detectable_format:title')('<< >> and <<\n>>')).toBe(false);
  });
});

describe('combination, start/end, case, punctuation, language', () => {
  test('two_responses needs exactly two different parts', () => {
    expect(check('combination:two_responses')('A\n******\nB')).toBe(true);
    expect(check('combination:two_responses')('A\n******\nA ')).toBe(false);
    expect(check('combination:two_responses')('A\n******\n******\nB')).toBe(false);
  });

  test('repeat_prompt and end_checker ignore case and outer whitespace', () => {
    expect(check('combination:repeat_prompt', { prompt_to_repeat: 'Write a poem.' })('  write a POEM. Here it is')).toBe(true);
    expect(check('startend:end_checker', { end_phrase: 'Any other questions?' })('Done. any other questions?"\n')).toBe(true);
    expect(check('startend:end_checker', { end_phrase: 'Any other questions?' })('Any other questions? Bye')).toBe(false);
  });

  test('quotation needs a " at both ends of the stripped response', () => {
    expect(check('startend:quotation')(' "quoted" ')).toBe(true);
    expect(check('startend:quotation')('"')).toBe(false);
  });

  test("capital_word_frequency counts NLTK tokens in capitals: DON'T is two", () => {
    expect(check('change_case:capital_word_frequency', { capital_frequency: 3, capital_relation: 'at least' })("I DON'T know")).toBe(true);
    expect(check('change_case:capital_word_frequency', { capital_frequency: 3, capital_relation: 'at least' })('I DO know')).toBe(false);
  });

  test('english_capital needs isupper() and English; an undetectable text counts as followed', () => {
    expect(check('change_case:english_capital')('HELLO, WORLD 123')).toBe(true);
    expect(check('change_case:english_capital')('Hello')).toBe(false);
    expect(check('change_case:english_capital', {}, { detectLanguage: () => 'de' })('HALLO')).toBe(false);
    expect(check('change_case:english_lowercase', {}, undetectable)('x')).toBe(true);
  });

  test('no_comma rejects only the ASCII comma', () => {
    expect(check('punctuation:no_comma')('a、b，c')).toBe(true);
    expect(check('punctuation:no_comma')('a, b')).toBe(false);
  });

  test('response_language compares the detected code; no features counts as followed', () => {
    expect(check('language:response_language', { language: 'hi' }, { detectLanguage: () => 'hi' })('x')).toBe(true);
    expect(check('language:response_language', { language: 'hi' }, { detectLanguage: () => 'mr' })('x')).toBe(false);
    expect(check('language:response_language', { language: 'hi' }, undetectable)('123')).toBe(true);
  });
});
