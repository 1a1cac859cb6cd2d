import { describe, expect, test } from 'vitest';
import { generateCases } from '../../../src/evals/long-context/generate.ts';
import { LENGTH_VARIANTS } from '../../../src/evals/long-context/lengths.ts';
import { LONG_CONTEXT_METRICS } from '../../../src/evals/long-context/metrics.ts';
import { longContextScorer, stringMatchAll } from '../../../src/evals/long-context/score.ts';
import { simulate } from '../../../src/evals/long-context/simulate.ts';
import { buildLongContextGoldAnswer, buildLongContextWrongAnswer } from '../../../src/evals/long-context/simulate-answers.ts';
import { buildCaseMessages } from '../../../src/evals/long-context/generate.ts';
import type { LongContextCase } from '../../../src/evals/long-context/generate.ts';

function score(item: LongContextCase, response: string, promptTokens: number | null = null) {
  return longContextScorer.score({
    item,
    response,
    output: { usage: promptTokens === null ? null : { promptTokens, completionTokens: 9 } },
    expected: item.expected,
    signal: new AbortController().signal,
    client: {} as never,
  }) as Awaited<ReturnType<typeof longContextScorer.score>>;
}

describe('long-context scoring', () => {
  test("scores the share of expected values the answer contains, ignoring case (RULER's string_match_all)", () => {
    expect(stringMatchAll('They are 11 and 22.', ['11', '22', '33']).score).toBe(2 / 3);
    expect(stringMatchAll('the names are abcde and fghij', ['ABCDE', 'FGHIJ']).score).toBe(1);
    expect(stringMatchAll('nothing here', ['1234567']).score).toBe(0);
  });

  test("is correct only when every value is found, and counts the score under the primary metric and the case's task only", () => {
    const item = generateCases({ length: '4k' }).find((c) => c.task === 'niah_multivalue')!;
    const partial = score(item, `I found ${item.expected.slice(0, 3).join(' and ')}.`);
    expect(partial.verdict).toBe('wrong');
    expect(partial.scores).toMatchObject({ score: 0.75, niah_multivalue: 0.75, niah_single: null, vt: null });
    expect(score(item, item.expected.join(', ')).verdict).toBe('correct');
    expect(LONG_CONTEXT_METRICS.map((m) => m.name)).toEqual([
      'score',
      'niah_single',
      'niah_multikey',
      'niah_multivalue',
      'niah_multiquery',
      'vt',
    ]);
  });

  test("records the server's prompt tokens against the generator's target", () => {
    const [item] = generateCases({ length: '4k', count: 1 });
    expect(score(item!, 'x', item!.targetTokens + 12).detail).toMatchObject({ promptTokens: item!.targetTokens + 12, offTarget: 12 });
    expect(score(item!, 'x').detail).toMatchObject({ promptTokens: null, offTarget: null });
  });

  test.each(LENGTH_VARIANTS.slice(0, 2))('the simulated gold answers score 1 and the wrong ones 0 on every %s case', (length) => {
    for (const item of generateCases({ length })) {
      expect(score(item, buildLongContextGoldAnswer(item)).scores.score, item.id).toBe(1);
      expect(score(item, buildLongContextWrongAnswer(item)).scores.score, item.id).toBe(0);
    }
  });

  test("the simulation script answers each case's prompt by its own rule, the first that matches", async () => {
    const script = await simulate({
      mode: 'mix:0.5',
      source: { datasetBaseUrl: null },
      limit: 20,
      variants: ['4k', '8k'],
      code: {} as never,
    });
    expect(script.rules).toHaveLength(40);
    for (const [i, item] of [...generateCases({ length: '4k', count: 20 }), ...generateCases({ length: '8k', count: 20 })].entries()) {
      const user = buildCaseMessages(item)[1]!.content as string;
      expect(script.rules.findIndex((rule) => user.endsWith(rule.match.endsWith!))).toBe(i);
    }
    expect(script.expected['long_context/4k']!.score).toBe(0.5);
  });
});
