import { describe, expect, test } from 'vitest';
import { evalDefinition } from '../../src/runtime/define-eval.ts';
import { buildDatasetResult } from '../../src/shared/records/dataset-result.ts';
import type { CaseRecord, ReasoningRecord } from '../../src/shared/records/case-record.ts';
import type { SuiteMeta } from '../../src/shared/records/suite-meta.ts';
import { createFakeClient, runCase } from '../helpers/fake-client.ts';

// A case of a reasoning model: the reasoning goes into the case record apart from the response, its tokens apart
// from the answer's, and no scorer ever sees it.

const THOUGHT: ReasoningRecord = { text: 'Six sevens make 42.', splitBy: 'server', tokens: 7, capped: null };
const ITEM = { id: 'q1', question: 'What is 6 x 7?', answer: '42' };
const seen: unknown[] = [];
const definition = evalDefinition({
  name: 'arith',
  data: [ITEM],
  prompt: (item) => [{ role: 'user', content: item.question }],
  scorers: [
    {
      name: 'exact',
      score: ({ response, output }) => {
        seen.push({ response, reasoning: (output as { reasoning?: unknown }).reasoning });
        return { score: response === '42' ? 1 : 0, extracted: response };
      },
    },
  ],
});

describe('reasoning in case records', () => {
  test('keeps the reasoning and its tokens apart from the response, and scores the answer alone', async () => {
    const client = createFakeClient({ answer: () => '42', reasoning: () => THOUGHT });
    const record = await runCase(definition, ITEM, client);
    expect(record).toMatchObject({ response: '42', verdict: 'correct', reasoning: [THOUGHT] });
    expect(record.usage).toEqual({ promptTokens: 10, completionTokens: 5, reasoningTokens: 7 });
    expect(seen.at(-1)).toEqual({ response: '42', reasoning: null });
  });

  test('records no reasoning (and no reasoning tokens) for answers without any', async () => {
    const record = await runCase(definition, ITEM, createFakeClient({ answer: () => '42' }));
    expect(record).not.toHaveProperty('reasoning');
    expect(record.usage).not.toHaveProperty('reasoningTokens');
  });

  test('a dataset shows the mean reasoning tokens per case and how many the harness had to split', () => {
    const suite: SuiteMeta = {
      dataset: 'arith',
      variant: 'default',
      label: 'arith',
      primaryMetric: 'exact',
      metricSpecs: [{ name: 'exact', kind: 'proportion', description: 'exact', range: [0, 1] }],
      pins: [],
      promptHash: 'h',
      datasetSize: 4,
      selected: 4,
      judge: null,
    };
    const base = { runId: 'r', simulation: null, dataset: 'arith', variant: 'default', prompt: '', response: '42', expected: '42' };
    const facts = { extracted: {}, scores: { exact: 1 }, verdict: 'correct' as const, timing: { requests: 1, ttftMs: 1, latencyMs: 1 } };
    const quality = { truncated: 0, overLength: 0, capped: 0, retries: 0 };
    const withReasoning = (caseId: string, tokens: number | null, splitBy: ReasoningRecord['splitBy']): CaseRecord => ({
      ...base,
      ...facts,
      caseId,
      quality,
      usage: { promptTokens: 1, completionTokens: 1, reasoningTokens: tokens },
      reasoning: [{ text: 't', splitBy, tokens, capped: null }],
    });
    const cases = [
      withReasoning('a', 10, 'server'),
      withReasoning('b', 30, 'harness'),
      withReasoning('c', null, 'server'),
      { ...base, ...facts, caseId: 'd', quality, usage: { promptTokens: 1, completionTokens: 1 } },
    ];
    expect(buildDatasetResult(suite, cases).reasoning).toEqual({ cases: 3, meanTokens: 20, tokensUnknown: 1, splitByHarness: 1 });
    expect(buildDatasetResult(suite, cases.slice(3)).reasoning).toBeNull();
  });
});
