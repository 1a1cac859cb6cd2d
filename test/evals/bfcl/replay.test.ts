import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BFCL_CATEGORIES, type BfclCategory } from '../../../src/evals/bfcl/index.ts';
import { readOfficialCases, type OfficialCase } from './official-outputs.ts';
import { datasetResultOf, requestKey, scoreMessage, startSuiteHarness, type ScoredCase, type SuiteHarness } from './suite-path.ts';

// gpt-oss-120b's held-out BFCL results (shared/datasets/bfcl/model-outputs) through the BFCL suite, compared with
// BFCL's official score files case for case. Every id goes through the suite's scorer and the reporter's summing (the
// chat answer the client would return for the result); a stratified sample, plus every result the hermes parser
// cannot read, goes the whole way: a scripted simulated vLLM writes the result as hermes `<tool_call>` text, its
// hermes parser turns it into `tool_calls`, the suite's task asks through the client and the dispatcher.
//
// One difference is by design: results whose arguments are not JSON (gpt-oss's own parser let them through) cannot
// pass vLLM's hermes parser, so through the server they are parser failures (not scored), where BFCL counted a
// decoder failure. Ids whose request equals an earlier id's get that id's answer from the simulator (it cannot tell
// them apart), so they are left out of the server comparison.

const MIN_AGREEMENT = 0.99;
/** Every SAMPLE_EVERY-th id of each category goes through the server. */
const SAMPLE_EVERY = 16;

const official = new Map<BfclCategory, OfficialCase[]>(BFCL_CATEGORIES.map((c) => [c, readOfficialCases(c).cases]));
const headers = new Map(BFCL_CATEGORIES.map((c) => [c, readOfficialCases(c).header]));
const allCases = [...official.values()].flat();

// A result with arguments that do not parse as JSON: hermes cannot turn it into a tool call.
function hasNonJsonArguments(c: OfficialCase): boolean {
  return (c.message.tool_calls ?? []).some((call) => {
    try {
      JSON.parse(call.function.arguments);
      return false;
    } catch {
      return true;
    }
  });
}

const agreement = (cases: readonly OfficialCase[], scored: ReadonlyMap<string, ScoredCase>) => {
  const differing = cases.filter((c) => (scored.get(c.testCase.id)!.result.verdict === 'correct') !== c.officialCorrect);
  return { differing: differing.map((c) => c.testCase.id), rate: 1 - differing.length / cases.length };
};

describe("every held-out result through the suite's scorer", () => {
  const scored = new Map<string, ScoredCase>();
  beforeAll(async () => {
    for (const c of allCases) scored.set(c.testCase.id, await scoreMessage(c.testCase, c.message));
  });

  test.each(BFCL_CATEGORIES)('%s: verdicts agree with the official score file id for id (>= 99%)', (category) => {
    const { differing, rate } = agreement(official.get(category)!, scored);
    expect(differing).toEqual([]);
    expect(rate).toBeGreaterThanOrEqual(MIN_AGREEMENT);
  });

  test.each(BFCL_CATEGORIES)("%s: the dataset result's accuracy is BFCL's official accuracy", (category) => {
    const result = datasetResultOf(
      category,
      official.get(category)!.map((c) => scored.get(c.testCase.id)!),
    );
    const header = headers.get(category)!;
    expect(result.counts.correct).toBe(header.correct_count);
    expect(result.metrics.accuracy!.n).toBe(header.total_count);
    expect(result.metrics.accuracy!.value).toBeCloseTo(header.accuracy, 12);
  });

  test('failed ids carry the error type BFCL recorded in their case detail', () => {
    const mismatched = allCases.flatMap((c) => {
      const { errorType } = scored.get(c.testCase.id)!.result.detail as { errorType: string | null };
      return !c.officialCorrect && errorType !== c.officialErrorType
        ? [`${c.testCase.id}: BFCL ${c.officialErrorType}, ours ${errorType}`]
        : [];
    });
    expect(mismatched).toEqual([]);
  });
});

describe('a sample of held-out results replayed through the simulated server as tool calls', () => {
  let harness: SuiteHarness;
  const replayed = new Map<string, ScoredCase>();
  const sample = BFCL_CATEGORIES.flatMap((category) =>
    official.get(category)!.filter((c, i) => i % SAMPLE_EVERY === 0 || hasNonJsonArguments(c)),
  );
  // Ids whose request another sampled id (with another answer) already took.
  const shadowed = new Set<string>();
  beforeAll(async () => {
    const firstByKey = new Map<string, OfficialCase>();
    for (const c of sample) {
      const first = firstByKey.get(requestKey(c.testCase));
      if (!first) firstByKey.set(requestKey(c.testCase), c);
      else if (JSON.stringify(first.message) !== JSON.stringify(c.message)) shadowed.add(c.testCase.id);
    }
    harness = await startSuiteHarness(sample.map((c) => ({ item: c.testCase, message: c.message })));
    for (const scored of await harness.run(sample.map((c) => c.testCase))) replayed.set(scored.item.id, scored);
  }, 120_000);
  afterAll(() => harness?.close());

  test('covers every category, with few ids shadowed by an identical request', () => {
    expect(new Set(sample.map((c) => c.testCase.category)).size).toBe(BFCL_CATEGORIES.length);
    expect(shadowed.size).toBeLessThanOrEqual(sample.length * 0.01);
  });

  test('exactly the results with non-JSON arguments are parser failures, each one BFCL failed', () => {
    const expected = sample.filter(hasNonJsonArguments);
    const got = [...replayed.values()].filter((c) => c.result.verdict === 'parser_failed').map((c) => c.item.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(got.sort()).toEqual(expected.map((c) => c.testCase.id).sort());
    expect(expected.every((c) => !c.officialCorrect)).toBe(true);
  });

  test.each(BFCL_CATEGORIES)('%s: every other sampled verdict agrees with the official score file', (category) => {
    const compared = sample.filter((c) => c.testCase.category === category && !shadowed.has(c.testCase.id) && !hasNonJsonArguments(c));
    const { differing, rate } = agreement(compared, replayed);
    expect(differing).toEqual([]);
    expect(rate).toBeGreaterThanOrEqual(MIN_AGREEMENT);
  });
});
