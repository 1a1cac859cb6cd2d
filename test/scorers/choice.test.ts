import { describe, expect, test } from 'vitest';
import { extractChoice, type Choice } from '../../src/scorers/choice/extract-choice.ts';
import { scoreChoiceResponse } from '../../src/scorers/choice/score-chat.ts';
import { ScorerError } from '../../src/shared/errors.ts';

const letters: Choice[] = [
  { label: 'A', text: 'Planetary density will decrease.' },
  { label: 'B', text: 'Planetary years will become longer.' },
  { label: 'C', text: 'Planetary days will become shorter.' },
  { label: 'D', text: 'Planetary gravity will become stronger.' },
];
const digits: Choice[] = [
  { label: '1', text: 'sunlight' },
  { label: '2', text: 'oxygen' },
  { label: '3', text: 'carbon dioxide' },
  { label: '4', text: 'dead organisms' },
];
const label = (text: string, choices: Choice[] = letters) => extractChoice(text, choices).label;

describe('extractChoice reads the stated choice in varied formats', () => {
  test.each([
    ['Answer: C', 'C'],
    ['The faster spin shortens the day.\n\nAnswer: C', 'C'],
    ['answer: C', 'C'],
    ['**Answer:** C', 'C'],
    ['**Answer: C**', 'C'],
    ['Answer: **C**', 'C'],
    ['Answer: (C)', 'C'],
    ['Answer: $C$', 'C'],
    ['Final answer: \\boxed{C}', 'C'],
    ['$\\boxed{\\text{C}}$', 'C'],
    ['The answer is C.', 'C'],
    ['The correct answer is (C) Planetary days will become shorter.', 'C'],
    ['The best option is C', 'C'],
    ['I would choose option C.', 'C'],
    ['Option C is correct.', 'C'],
    ['(C) is the correct answer.', 'C'],
    ['Faster rotation means shorter days.\n\n(C)', 'C'],
    ['Faster rotation means shorter days.\n\n**C**', 'C'],
    ['Faster rotation means shorter days.\n\nC', 'C'],
    ['Faster rotation means shorter days.\n\nC) Planetary days will become shorter.', 'C'],
    ['Faster rotation means shorter days.\n\nPlanetary days will become shorter.', 'C'],
    ['Answer: Planetary days will become shorter', 'C'],
    ['Therefore, the correct answer is:\n\n**C) Planetary days will become shorter.**\n\nFaster spin, shorter day.', 'C'],
    ['The answer is:\n\nC\n\nbecause the day shortens.', 'C'],
  ])('%j -> %s', (text, expected) => {
    expect(label(text)).toBe(expected);
  });
});

describe('extractChoice picks the final statement', () => {
  test('a later answer statement overrides an earlier one', () => {
    expect(label('At first the answer is A, but on reflection the answer is C.')).toBe('C');
  });

  test('options discussed before the final line do not count', () => {
    expect(label('A) wrong, density is unchanged.\nB) wrong.\nD) wrong.\n\nAnswer: C')).toBe('C');
  });

  test('an explicit statement wins over a bare label on the last line', () => {
    expect(label('Answer: B\n\nD')).toBe('B');
  });
});

describe('extractChoice never reads letters inside words or articles', () => {
  test('an article "A" in prose is not a choice', () => {
    expect(label('A planet that spins faster has shorter days.')).toBeNull();
  });

  test('a label letter inside a word is not a choice', () => {
    expect(label('The answer is CLEAR from the physics.')).toBeNull();
  });

  test('a lower-case article after "the answer is" is not a choice', () => {
    expect(label('The answer is a shorter day.')).toBeNull();
  });

  test('an article starting the line after "the answer is:" is not a choice', () => {
    expect(label('The answer is:\n\nA shorter day, since spin increased.')).toBeNull();
  });

  test('a negated statement is not a choice', () => {
    expect(label('The answer is not A.')).toBeNull();
  });

  test('a letter outside the label set is not a choice', () => {
    expect(label('Answer: E')).toBeNull();
  });
});

describe('extractChoice returns null for nothing or something ambiguous', () => {
  test('no stated choice gives none', () => {
    expect(extractChoice('Days get shorter when planets spin faster.', letters)).toEqual({ label: null, how: 'none' });
  });

  test('two labels in the final statement are ambiguous', () => {
    expect(extractChoice('Answer: C or D', letters)).toEqual({ label: null, how: 'ambiguous' });
  });

  test('a comma-separated pair is ambiguous', () => {
    expect(extractChoice('The answer is B, C', letters).how).toBe('ambiguous');
  });

  test('option text shared by two choices is ambiguous', () => {
    const twins: Choice[] = [
      { label: 'A', text: 'yes' },
      { label: 'B', text: 'yes' },
    ];
    expect(extractChoice('yes', twins).how).toBe('ambiguous');
  });

  test('an empty response gives none', () => {
    expect(extractChoice('', letters).label).toBeNull();
  });
});

describe('extractChoice with numeric labels', () => {
  test.each([
    ['Answer: 4', '4'],
    ['The answer is (4).', '4'],
    ['Fungi decompose matter.\n\n4) dead organisms', '4'],
    ['Fungi decompose matter.\n\ndead organisms', '4'],
  ])('%j -> %s', (text, expected) => {
    expect(label(text, digits)).toBe(expected);
  });

  test('a decimal after "answer is" is not a label', () => {
    expect(label('The answer is 2.5 grams.', digits)).toBeNull();
  });

  test('a number that is not a label is not a choice', () => {
    expect(label('Answer: 7', digits)).toBeNull();
  });
});

describe('scoreChoiceResponse', () => {
  test('grades the gold label correct', () => {
    expect(scoreChoiceResponse(letters, 'C', 'Answer: C')).toEqual({
      extracted: { chat_acc: 'C' },
      scores: { chat_acc: 1 },
      verdict: 'correct',
      detail: { extraction: 'statement' },
    });
  });

  test('grades another label wrong', () => {
    expect(scoreChoiceResponse(letters, 'C', 'Answer: B').verdict).toBe('wrong');
  });

  test('grades an ambiguous answer unparseable with score 0', () => {
    const s = scoreChoiceResponse(letters, 'C', 'Answer: B or C');
    expect([s.verdict, s.scores.chat_acc]).toEqual(['unparseable', 0]);
  });

  test('throws ScorerError when the gold is not a label', () => {
    expect(() => scoreChoiceResponse(letters, 'E', 'Answer: C')).toThrow(ScorerError);
  });
});
