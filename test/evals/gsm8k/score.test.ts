import { describe, expect, test } from 'vitest';
import { buildGsm8kFewShotMessages, buildGsm8kZeroShotMessages } from '../../../src/evals/gsm8k/prompt.ts';
import { buildGsm8kGoldResponse, buildGsm8kWrongResponse } from '../../../src/evals/gsm8k/simulate-answers.ts';
import { extractBoxedNumber, extractLastBoxed } from '../../../src/scorers/numeric/extract.ts';
import { GSM8K_METRICS } from '../../../src/evals/gsm8k/metrics.ts';
import { GSM8K_SCORERS, scoreGsm8kResponse } from '../../../src/evals/gsm8k/score.ts';
import { metricsOf } from '../../../src/scorers/scorer.ts';
import { readGsm8k, type Gsm8kCase } from '../../../src/evals/gsm8k/reader.ts';
import { findNumbers, numbersMatch, parseNumber } from '../../../src/scorers/numeric/numbers.ts';
import { DatasetError, ScorerError } from '../../../src/shared/errors.ts';
import { readShared } from '../../helpers/shared.ts';

const test1319 = readGsm8k(readShared('gsm8k', 'test.jsonl'), 'test.jsonl');
const train = readGsm8k(readShared('gsm8k', 'train.jsonl'), 'train.jsonl');
const c = (gold: string): Gsm8kCase => ({ id: 'x', question: 'q', solution: `#### ${gold}`, gold });

describe('readGsm8k', () => {
  test('reads all 1319 test and 7473 train problems', () => {
    expect([test1319.length, train.length]).toEqual([1319, 7473]);
  });

  test('ids are the 0-based line index', () => {
    expect(test1319[1318]?.id).toBe('1318');
  });

  test('takes the gold from after the last "#### "', () => {
    expect(test1319[0]?.gold).toBe('18');
  });

  test('keeps thousands separators of the gold as written', () => {
    expect(train.find((t) => t.gold.includes(','))?.gold).toMatch(/^\d{1,3}(,\d{3})+$/);
  });

  test('rejects a record without a gold line', () => {
    expect(() => readGsm8k('{"question":"q","answer":"no gold"}')).toThrow(DatasetError);
  });

  test('rejects a line that is not JSON, naming the line', () => {
    expect(() => readGsm8k('{"question":"q","answer":"#### 1"}\nnot json')).toThrow(/line 2/);
  });
});

describe('GSM8K prompts', () => {
  test('0-shot prompt is the Qwen boxed template', () => {
    expect(buildGsm8kZeroShotMessages({ question: 'What is 2+2?' })).toEqual([
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: 'What is 2+2?\nPlease reason step by step, and put your final answer within \\boxed{}.' },
    ]);
  });

  test('8-shot prompt alternates eight user/assistant pairs before the question', () => {
    const roles = buildGsm8kFewShotMessages(test1319[0]!, train).map((m) => m.role);
    expect(roles).toEqual(['system', ...Array.from({ length: 8 }, () => ['user', 'assistant']).flat(), 'user']);
  });

  test('8-shot exemplars are the first eight train problems in order', () => {
    const users = buildGsm8kFewShotMessages(test1319[0]!, train)
      .filter((m) => m.role === 'user')
      .slice(0, 8);
    expect(users.map((m) => m.content!.split('\n')[0])).toEqual(train.slice(0, 8).map((t) => t.question.split('\n')[0]));
  });

  test('few-shot answers end in \\boxed{gold} without calculator annotations', () => {
    const answers = buildGsm8kFewShotMessages(test1319[0]!, train).filter((m) => m.role === 'assistant');
    for (const [i, a] of answers.entries()) {
      expect(a.content).not.toMatch(/<<|####/);
      expect(a.content!.endsWith(`\\boxed{${train[i]!.gold.replace(/,/g, '')}}.`)).toBe(true);
    }
  });

  test('few-shot answers score correct with our own scorer', () => {
    const answers = buildGsm8kFewShotMessages(test1319[0]!, train).filter((m) => m.role === 'assistant');
    expect(answers.map((a, i) => scoreGsm8kResponse(train[i]!, a.content!).verdict)).toEqual(Array(8).fill('correct'));
  });

  test('few-shot prompt refuses a train set shorter than the shot count', () => {
    expect(() => buildGsm8kFewShotMessages(test1319[0]!, train.slice(0, 3))).toThrow(/at least 8/);
  });
});

describe('extractLastBoxed', () => {
  test('takes the last box', () => {
    expect(extractLastBoxed('\\boxed{1} then \\boxed{2}')).toBe('2');
  });

  test('keeps nested braces', () => {
    expect(extractLastBoxed('\\boxed{\\frac{1}{2}}')).toBe('\\frac{1}{2}');
  });

  test('skips a truncated last box and uses the previous complete one', () => {
    expect(extractLastBoxed('\\boxed{7} and \\boxed{8')).toBe('7');
  });

  test('returns null without a box', () => {
    expect(extractLastBoxed('The answer is 7.')).toBeNull();
  });
});

describe('extractBoxedNumber', () => {
  test.each([
    ['\\boxed{\\$1,080}', '1080'],
    ['\\boxed{1080 \\text{ dollars}}', '1080'],
    ['$\\boxed{1{,}080}$', '1080'],
    ['\\boxed{x = -5}', '-5'],
    ['\\boxed{2 + 3 = 5}', '5'],
    ['\\boxed{25\\%}', '25'],
    ['\\boxed{\\text{18}}', '18'],
    ['\\fbox{12}', '12'],
    ['\\boxed {12}', '12'],
    ['\\boxed{1\\,080}', '1080'],
  ])('reads %j as %s', (text, expected) => {
    expect(extractBoxedNumber(text)?.canonical).toBe(expected);
  });

  test('returns null for a box without a number', () => {
    expect(extractBoxedNumber('\\boxed{\\text{yes}}')).toBeNull();
  });
});

describe('scoreGsm8kResponse', () => {
  test('grades a boxed correct answer correct on both metrics', () => {
    expect(scoreGsm8kResponse(c('1,080'), 'Total: 1080.\n\n$\\boxed{1080}$')).toEqual({
      extracted: { strict: '1080', flexible: '1080' },
      scores: { strict: 1, flexible: 1 },
      verdict: 'correct',
    });
  });

  test('grades a response without a box unparseable while flexible still scores it', () => {
    const score = scoreGsm8kResponse(c('18'), 'She makes $18 every day.');
    expect([score.verdict, score.scores.strict, score.scores.flexible]).toEqual(['unparseable', 0, 1]);
  });

  test('grades a boxed wrong answer wrong even when the gold appears earlier', () => {
    const score = scoreGsm8kResponse(c('18'), 'Not 18, but \\boxed{26}');
    expect([score.verdict, score.scores.flexible]).toEqual(['wrong', 0]);
  });

  test('uses the last box when the response boxes twice', () => {
    expect(scoreGsm8kResponse(c('9'), 'First \\boxed{7}, corrected: \\boxed{9}').verdict).toBe('correct');
  });

  test('accepts 1080.00 for gold 1,080', () => {
    expect(scoreGsm8kResponse(c('1,080'), '\\boxed{1080.00}').verdict).toBe('correct');
  });

  test('accepts a negative answer', () => {
    expect(scoreGsm8kResponse(c('-4'), 'The change is \\boxed{-4} degrees.').verdict).toBe('correct');
  });

  test('rejects a fraction for an integer gold equal to its denominator', () => {
    expect(scoreGsm8kResponse(c('4'), '\\boxed{\\frac{3}{4}}').verdict).toBe('wrong');
  });

  test('flexible takes the last number, not a trailing unit-free word', () => {
    expect(scoreGsm8kResponse(c('5'), 'He has 3 apples, then 5 in total.').extracted.flexible).toBe('5');
  });

  test('throws ScorerError for a gold that is not a number', () => {
    expect(() => scoreGsm8kResponse(c('eighteen'), '\\boxed{18}')).toThrow(ScorerError);
  });

  test('names strict as the primary metric and declares both metrics', () => {
    expect(GSM8K_METRICS.map((m) => m.name)).toEqual(['strict', 'flexible']);
  });

  test('its scorers score the metrics the registry declares', () => {
    expect(GSM8K_SCORERS.flatMap(metricsOf)).toEqual(GSM8K_METRICS);
  });
});

describe('GSM8K self-check', () => {
  test('every gold response scores 1 on both metrics', () => {
    const failures = test1319.filter((t) => {
      const s = scoreGsm8kResponse(t, buildGsm8kGoldResponse(t));
      return s.verdict !== 'correct' || s.scores.flexible !== 1;
    });
    expect(failures.map((f) => f.id)).toEqual([]);
  });

  test('every wrong response scores 0 on both metrics', () => {
    const failures = test1319.filter((t) => {
      const s = scoreGsm8kResponse(t, buildGsm8kWrongResponse(t));
      return s.verdict !== 'wrong' || s.scores.flexible !== 0;
    });
    expect(failures.map((f) => f.id)).toEqual([]);
  });

  test('gold responses come in several formats', () => {
    const endings = new Set(test1319.slice(0, 40).map((t) => buildGsm8kGoldResponse(t).slice(-6).replace(/\d/g, '')));
    expect(endings.size).toBeGreaterThanOrEqual(3);
  });

  test('a first-number extractor fails the self-check', () => {
    const firstNumber = (t: Gsm8kCase, response: string) => {
      const first = findNumbers(response)[0];
      return first !== undefined && numbersMatch(first, parseNumber(t.gold)!);
    };
    const goldPassed = test1319.filter((t) => firstNumber(t, buildGsm8kGoldResponse(t))).length;
    const wrongPassed = test1319.filter((t) => firstNumber(t, buildGsm8kWrongResponse(t))).length;
    expect(goldPassed).toBeLessThan(test1319.length * 0.5);
    expect(wrongPassed).toBeGreaterThan(0);
  });

  test('a first-box extractor fails the self-check on responses that box twice', () => {
    const response = `${buildGsm8kWrongResponse(test1319[0]!)}\n\nCorrection: \\boxed{18}`;
    const firstBox = /\\boxed\{([^}]*)\}/.exec(response)?.[1];
    expect([firstBox === '18', scoreGsm8kResponse(test1319[0]!, response).verdict]).toEqual([false, 'correct']);
  });
});
