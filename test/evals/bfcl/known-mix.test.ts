import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildGoldResponse, type BfclCase, type ToolMessageLike } from '../../../src/evals/bfcl/index.ts';
import { aggregateBfclRun } from '../../../src/evals/bfcl/run-aggregate.ts';
import type { DatasetResult } from '../../../src/shared/records/run-record.ts';
import { readShared } from '../../helpers/shared.ts';
import { joinBfclAnswers, readBfclAnswers, readBfclEntries } from '../../../src/evals/bfcl/index.ts';
import { datasetResultOf, startSuiteHarness, type ScoredCase, type SuiteHarness } from './suite-path.ts';

// A known mix of answers through the simulated vLLM's hermes parser and the BFCL suite: right calls, calls with
// wrong arguments, plain text where a call is expected, and `<tool_call>` text the parser cannot read. The
// per-category scores and BFCL's summaries must come out exactly as counted by hand.

const simple = joinBfclAnswers(
  readBfclEntries(readShared('bfcl', 'BFCL_v4_simple_python.json'), 'simple_python'),
  readBfclAnswers(readShared('bfcl', 'possible_answer', 'BFCL_v4_simple_python.json')),
).slice(0, 10);
const irrelevance = joinBfclAnswers(readBfclEntries(readShared('bfcl', 'BFCL_v4_irrelevance.json'), 'irrelevance'), null).slice(0, 4);

const call = (name: string, args: string): ToolMessageLike => ({ content: null, tool_calls: [{ function: { name, arguments: args } }] });
const text = (content: string): ToolMessageLike => ({ content, tool_calls: [] });
/** Hermes-style text whose JSON is broken: vLLM's parser leaves it in `content`, with no `tool_calls`. */
const broken = (item: BfclCase): ToolMessageLike =>
  text(`<tool_call>\n{"name": "${item.functions[0]!.name}", "arguments": {'base': 10}}\n</tool_call>`);

const MIX: { item: BfclCase; message: ToolMessageLike; verdict: string }[] = [
  ...simple.slice(0, 4).map((item) => ({ item, message: buildGoldResponse(item).tools, verdict: 'correct' })),
  // The right function without its required arguments.
  ...simple.slice(4, 6).map((item) => ({ item, message: call(item.functions[0]!.name, '{}'), verdict: 'wrong' })),
  ...simple.slice(6, 8).map((item) => ({ item, message: text('I would rather not call anything.'), verdict: 'unparseable' })),
  ...simple.slice(8, 10).map((item) => ({ item, message: broken(item), verdict: 'parser_failed' })),
  ...irrelevance.slice(0, 2).map((item) => ({ item, message: text('None of these functions fits.'), verdict: 'correct' })),
  { item: irrelevance[2]!, message: call(irrelevance[2]!.functions[0]!.name, '{}'), verdict: 'wrong' },
  { item: irrelevance[3]!, message: broken(irrelevance[3]!), verdict: 'parser_failed' },
];

let harness: SuiteHarness;
let scored: ScoredCase[];
let datasets: Record<string, DatasetResult>;
beforeAll(async () => {
  harness = await startSuiteHarness(MIX);
  scored = await harness.run(MIX.map((m) => m.item));
  datasets = {
    'bfcl/simple_python': datasetResultOf('simple_python', scored.slice(0, 10)),
    'bfcl/irrelevance': datasetResultOf('irrelevance', scored.slice(10)),
  };
}, 60_000);
afterAll(() => harness?.close());

describe('a known mix of tool-call answers through the simulated server and the BFCL suite', () => {
  test('each answer gets the verdict it was built for', () => {
    expect(scored.map((s) => `${s.item.id} ${s.result.verdict}`)).toEqual(MIX.map((m) => `${m.item.id} ${m.verdict}`));
  });

  test('parser failures are not scored: their accuracy is null and the raw text is kept', () => {
    const failed = scored.filter((s) => s.result.verdict === 'parser_failed');
    expect(failed.map((s) => s.result.scores.accuracy)).toEqual([null, null, null]);
    expect(failed.every((s) => (s.result.detail as { toolCalls: unknown[] }).toolCalls.length === 0)).toBe(true);
  });

  test('simple_python: 4 correct of 8 scored, 2 wrong, 2 unparseable, 2 parser failures apart', () => {
    const result = datasets['bfcl/simple_python']!;
    expect(result.metrics.accuracy).toMatchObject({ value: 0.5, n: 8 });
    expect(result.counts).toMatchObject({ cases: 10, correct: 4, wrong: 2, unparseable: 2, parserFailed: 2, error: 0 });
  });

  test('irrelevance: 2 correct of 3 scored, 1 parser failure apart', () => {
    const result = datasets['bfcl/irrelevance']!;
    expect(result.metrics.accuracy).toMatchObject({ value: 2 / 3, n: 3 });
    expect(result.counts).toMatchObject({ cases: 4, correct: 2, wrong: 1, parserFailed: 1 });
  });

  test("BFCL's summaries count the categories not run as 0, and say which", () => {
    const byName = Object.fromEntries(aggregateBfclRun(datasets).map((a) => [a.name, a]));
    expect(byName.non_live_simple_ast).toMatchObject({ group: 'tools', missing: ['simple_java', 'simple_javascript'] });
    expect(byName.non_live_simple_ast!.value).toBeCloseTo(0.5 / 3, 12);
    expect(byName.irrelevance!.value).toBeCloseTo(2 / 3 / 2, 12);
    expect(byName.irrelevance!.missing).toEqual(['live_irrelevance']);
    // Parser failures are not scored cases.
    expect([byName.non_live_simple_ast!.n, byName.irrelevance!.n]).toEqual([8, 3]);
  });
});
