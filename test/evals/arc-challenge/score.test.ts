import { describe, expect, test } from 'vitest';
import { arcChallenge } from '../../../src/evals/arc-challenge/builtin.ts';
import { buildArcChatMessages, buildArcLoglikelihoodPrompt } from '../../../src/evals/arc-challenge/prompt.ts';
import {
  ARC_CHAT_SCORER,
  ARC_LOGLIKELIHOOD_SCORER,
  buildArcGoldResponse,
  buildArcWrongResponse,
  scoreArcChatResponse,
  scoreArcLoglikelihood,
} from '../../../src/evals/arc-challenge/score.ts';
import { readArcChallenge, type ArcCase } from '../../../src/evals/arc-challenge/reader.ts';
import { metricsOf } from '../../../src/scorers/scorer.ts';
import { DatasetError } from '../../../src/shared/errors.ts';
import { readShared } from '../../helpers/shared.ts';

const testSet = readArcChallenge(readShared('arc_challenge', 'ARC-Challenge-Test.jsonl'));
const devSet = readArcChallenge(readShared('arc_challenge', 'ARC-Challenge-Dev.jsonl'));
const all = [...testSet, ...devSet];
const numeric = testSet.find((c) => c.choices.length === 3 && c.choices[0]?.label === '1')!;
const five = testSet.find((c) => c.choices.length === 5)!;

describe('readArcChallenge', () => {
  test('reads 1172 test and 299 dev questions', () => {
    expect([testSet.length, devSet.length]).toEqual([1172, 299]);
  });

  test('keeps the dataset id', () => {
    expect(testSet[0]?.id).toBe('Mercury_7175875');
  });

  test('keeps numeric labels as given', () => {
    expect(testSet.filter((c) => /^\d$/.test(c.answerKey)).length).toBe(22);
  });

  test('keeps 3- and 5-option questions', () => {
    expect([numeric.choices.map((c) => c.label), five.choices.length]).toEqual([['1', '2', '3'], 5]);
  });

  test('rejects an answerKey that is not a label', () => {
    const line = JSON.stringify({
      id: 'x',
      question: {
        stem: 'q',
        choices: [
          { label: 'A', text: 'a' },
          { label: 'B', text: 'b' },
        ],
      },
      answerKey: 'C',
    });
    expect(() => readArcChallenge(line)).toThrow(DatasetError);
  });
});

describe('ARC prompts', () => {
  test('chat prompt lists the options with their labels and asks for "Answer: <label>"', () => {
    const user = buildArcChatMessages(numeric).at(-1)!.content!;
    expect(user).toContain("'Answer: $LABEL' (without quotes) where LABEL is one of 1, 2, 3.");
    expect(user.endsWith(numeric.choices.map((c) => `${c.label}) ${c.text}`).join('\n'))).toBe(true);
  });

  test('chat prompt sends the default system prompt unless told not to', () => {
    expect([buildArcChatMessages(testSet[0]!)[0]?.role, buildArcChatMessages(testSet[0]!, { systemPrompt: null })[0]?.role]).toEqual([
      'system',
      'user',
    ]);
  });

  test('log-likelihood prompt is lm-eval arc_challenge', () => {
    expect(buildArcLoglikelihoodPrompt(testSet[0]!)).toEqual({
      context: `Question: ${testSet[0]!.question}\nAnswer:`,
      continuations: testSet[0]!.choices.map((c) => ` ${c.text}`),
      choiceTexts: testSet[0]!.choices.map((c) => c.text),
    });
  });
});

describe('scoreArcLoglikelihood', () => {
  const c: ArcCase = {
    id: 'x',
    question: 'q',
    choices: [
      { label: '1', text: 'a' },
      { label: '2', text: 'bbbbbbbb' },
    ],
    answerKey: '2',
  };

  test('acc and acc_norm can disagree and extracted holds the labels', () => {
    expect(scoreArcLoglikelihood(c, [-2, -4])).toEqual({
      extracted: { acc: '1', acc_norm: '2' },
      scores: { acc: 0, acc_norm: 1 },
      verdict: 'correct',
    });
  });

  test('declares chat_acc for chat mode and acc_norm as primary of log-likelihood mode', () => {
    const names = (variant: string) => arcChallenge.metrics(variant, { code: {} as never }).map((m) => m.name);
    expect([names('chat'), names('loglikelihood')]).toEqual([['chat_acc'], ['acc_norm', 'acc']]);
  });

  test('its scorers score the metrics the registry declares for each variant', () => {
    const declared = (variant: string) => arcChallenge.metrics(variant, { code: {} as never });
    expect([metricsOf(ARC_CHAT_SCORER), metricsOf(ARC_LOGLIKELIHOOD_SCORER)]).toEqual([declared('chat'), declared('loglikelihood')]);
  });
});

describe('ARC self-check', () => {
  test('every gold response scores correct (test + dev, all label styles)', () => {
    const failures = all.filter((c) => scoreArcChatResponse(c, buildArcGoldResponse(c)).verdict !== 'correct');
    expect(failures.map((f) => f.id)).toEqual([]);
  });

  test('every wrong response scores wrong, never unparseable', () => {
    const failures = all.filter((c) => scoreArcChatResponse(c, buildArcWrongResponse(c)).verdict !== 'wrong');
    expect(failures.map((f) => f.id)).toEqual([]);
  });

  test('gold responses use at least four formats', () => {
    const shapes = new Set(testSet.slice(0, 50).map((c) => buildArcGoldResponse(c).split(/\s/)[0]));
    expect(shapes.size).toBeGreaterThanOrEqual(4);
  });

  test('a first-label extractor fails the self-check', () => {
    const firstLabel = (c: ArcCase, text: string) => {
      const labels = c.choices.map((x) => x.label).join('');
      return new RegExp(`(?<![A-Za-z0-9])([${labels}])(?![A-Za-z0-9])`).exec(text)?.[1] === c.answerKey;
    };
    const goldPassed = testSet.filter((c) => firstLabel(c, buildArcGoldResponse(c))).length;
    expect(goldPassed).toBeLessThan(testSet.length * 0.5);
  });

  test('an extractor that takes the first "answer is" statement fails the self-check', () => {
    const c = testSet[0]!;
    const response = `The answer is ${c.choices.find((x) => x.label !== c.answerKey)!.label}? No.\n\n${buildArcGoldResponse(c)}`;
    const firstStatement = /answer is (\w)/i.exec(response)?.[1];
    expect([firstStatement === c.answerKey, scoreArcChatResponse(c, response).verdict]).toEqual([false, 'correct']);
  });
});
