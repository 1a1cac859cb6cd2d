import { describe, expect, test } from 'vitest';
import { argmax, scoreLoglikelihoodChoices } from '../../src/scorers/loglikelihood/score.ts';
import { sumContinuationLogprobs } from '../../src/scorers/loglikelihood/echo-logprobs.ts';
import { MalformedResponseError, ScorerError } from '../../src/shared/errors.ts';

// Echoed `/v1/completions` logprobs for "Question: Why?\nAnswer: Paris" + one generated token.
const context = 'Question: Why?\nAnswer:';
const echoed = {
  tokens: ['Question', ':', ' Why', '?\n', 'Answer', ':', ' Paris', '.'],
  token_logprobs: [null, -1.5, -3, -0.5, -0.25, -0.1, -2.5, -0.7],
  text_offset: [0, 8, 9, 13, 15, 21, 22, 28],
};

describe('sumContinuationLogprobs', () => {
  test('sums the tokens at or after the context length, excluding the generated one', () => {
    expect(sumContinuationLogprobs(echoed, { contextLength: context.length, promptLength: 28 })).toEqual({ sum: -2.5, tokens: 1 });
  });

  test('includes trailing tokens when no prompt length is given (max_tokens 0)', () => {
    expect(sumContinuationLogprobs(echoed, { contextLength: context.length }).sum).toBeCloseTo(-3.2);
  });

  test('throws MalformedResponseError for an empty context, whose first token has no log-prob', () => {
    expect(() => sumContinuationLogprobs(echoed, { contextLength: 0, promptLength: 28 })).toThrow(/no log-prob/);
  });

  test('throws MalformedResponseError when a continuation token has no log-prob', () => {
    expect(() =>
      sumContinuationLogprobs({ ...echoed, token_logprobs: [...echoed.token_logprobs.slice(0, 6), null, -0.7] }, { contextLength: 22 }),
    ).toThrow(MalformedResponseError);
  });

  test('throws MalformedResponseError when a token straddles the context boundary', () => {
    expect(() => sumContinuationLogprobs(echoed, { contextLength: 24 })).toThrow(/spans the context/);
  });

  test('throws MalformedResponseError when the arrays differ in length', () => {
    expect(() => sumContinuationLogprobs({ ...echoed, text_offset: [0] }, { contextLength: 22 })).toThrow(MalformedResponseError);
  });

  test('throws MalformedResponseError when the response was not echoed', () => {
    expect(() => sumContinuationLogprobs({ tokens: ['.'], token_logprobs: [-0.7], text_offset: [0] }, { contextLength: 22 })).toThrow(
      /echo/,
    );
  });

  test('throws MalformedResponseError when logprobs is missing', () => {
    expect(() => sumContinuationLogprobs(null, { contextLength: 22 })).toThrow(MalformedResponseError);
  });
});

describe('scoreLoglikelihoodChoices', () => {
  test('acc picks the highest summed log-prob', () => {
    expect(scoreLoglikelihoodChoices(['aaaa', 'b'], [-4, -3], 1).scores.acc).toBe(1);
  });

  test('acc_norm divides by the choice length in characters', () => {
    expect(scoreLoglikelihoodChoices(['aaaa', 'b'], [-4, -3], 0).scores.acc_norm).toBe(1);
  });

  test('acc_norm counts code points, as Python len does', () => {
    // 'ééé' is 3 code points, 6 UTF-8 bytes: -3.3/3 < -2/2 with chars, -3.3/6 > -2/2 with bytes.
    const choices = ['ééé', 'ab'];
    expect([
      scoreLoglikelihoodChoices(choices, [-3.3, -2], 1).scores.acc_norm,
      scoreLoglikelihoodChoices(choices, [-3.3, -2], 0, { lengthUnit: 'bytes' }).scores.acc_norm,
    ]).toEqual([1, 1]);
  });

  test('ties go to the lower index, as numpy argmax', () => {
    expect(argmax([-1, -1, -2])).toBe(0);
  });

  test('verdict follows acc_norm', () => {
    expect(scoreLoglikelihoodChoices(['aaaa', 'b'], [-4, -3], 0).verdict).toBe('correct');
  });

  test('throws ScorerError when the number of log-probs and choices differ', () => {
    expect(() => scoreLoglikelihoodChoices(['a', 'b'], [-1], 0)).toThrow(ScorerError);
  });

  test('throws ScorerError for a gold index out of range', () => {
    expect(() => scoreLoglikelihoodChoices(['a', 'b'], [-1, -2], 2)).toThrow(ScorerError);
  });
});
