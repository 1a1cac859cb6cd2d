import { describe, expect, test } from 'vitest';
import {
  ANSWER_TOKENS,
  buildCaseMessages,
  buildContext,
  CASES_PER_LENGTH,
  generateCases,
  LENGTH_TOLERANCE,
} from '../../../src/evals/long-context/generate.ts';
import { LENGTH_VARIANTS, lengthTokens } from '../../../src/evals/long-context/lengths.ts';
import { LONG_CONTEXT_TASKS } from '../../../src/evals/long-context/metrics.ts';
import { describeLongContextPrompt } from '../../../src/evals/long-context/transcript.ts';
// @ts-expect-error plain .mjs module of the simulator
import { renderChatML } from '../../../src/simulator/lib/chat-template.mjs';
// @ts-expect-error plain .mjs module of the simulator
import { countTokens } from '../../../src/simulator/lib/tokenizer.mjs';

// Prompt tokens as the simulated vLLM counts them: the ChatML rendering of the messages, generation prompt included.
function simulatorPromptTokens(messages: unknown): number {
  return countTokens(renderChatML(messages, { addGenerationPrompt: true, continueFinalMessage: false, defaultSystem: null }));
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('long-context generator', () => {
  test('gives the same cases and prompts for the same seed, and other ones for another seed', () => {
    const a = generateCases({ length: '8k', seed: 7 });
    const b = generateCases({ length: '8k', seed: 7 });
    const c = generateCases({ length: '8k', seed: 8 });
    expect(b).toEqual(a);
    expect(buildCaseMessages(b[3]!)).toEqual(buildCaseMessages(a[3]!));
    expect(c.map((x) => x.expected)).not.toEqual(a.map((x) => x.expected));
    expect(buildCaseMessages(c[3]!)[1]!.content).not.toBe(buildCaseMessages(a[3]!)[1]!.content);
  });

  test('cycles through the tasks, so the first five cases of a length cover each task once', () => {
    const cases = generateCases({ length: '4k' });
    expect(cases).toHaveLength(CASES_PER_LENGTH);
    expect(cases.slice(0, 5).map((c) => c.task)).toEqual([...LONG_CONTEXT_TASKS]);
    expect(new Set(cases.map((c) => c.id)).size).toBe(CASES_PER_LENGTH);
  });

  test.each(LENGTH_VARIANTS)('lands %s prompts within the tolerance of their target, as the simulated vLLM counts them', (length) => {
    for (const testCase of generateCases({ length, count: LONG_CONTEXT_TASKS.length })) {
      const tokens = simulatorPromptTokens(buildCaseMessages(testCase));
      expect(
        Math.abs(tokens - testCase.targetTokens),
        `${length} ${testCase.id}: ${tokens} vs ${testCase.targetTokens}`,
      ).toBeLessThanOrEqual(LENGTH_TOLERANCE);
      // Room for the whole answer within the length, even at the far end of the tolerance.
      expect(testCase.targetTokens + LENGTH_TOLERANCE + ANSWER_TOKENS).toBeLessThanOrEqual(lengthTokens(length));
    }
  });

  test('plants every needle exactly once, in the order of its depth, and asks only about planted values', () => {
    for (const testCase of generateCases({ length: '4k', count: 10 })) {
      const context = buildContext(testCase);
      const at = testCase.needles.map((needle) => context.indexOf(needle));
      for (const needle of testCase.needles) expect(occurrences(context, needle), needle).toBe(1);
      expect([...at].sort((x, y) => x - y)).toEqual(at);
      for (const value of testCase.expected) expect(context, `${testCase.id} ${value}`).toContain(value);
    }
  });

  test('multi-key cases plant three distractor keys whose values are not asked for', () => {
    const testCase = generateCases({ length: '4k' }).find((c) => c.task === 'niah_multikey')!;
    expect(testCase.needles).toHaveLength(4);
    expect(testCase.expected).toHaveLength(1);
    expect(testCase.needles.filter((needle) => needle.endsWith(`${testCase.expected[0]}.`))).toHaveLength(1);
  });

  test('variable tracking plants one chain in order and asks for every name on it', () => {
    const testCase = generateCases({ length: '4k' }).find((c) => c.task === 'vt')!;
    const [first, ...rest] = testCase.needles;
    const value = /^VAR [A-Z]{5} = (\d{5})\.$/.exec(first!)![1]!;
    expect(testCase.question).toContain(value);
    expect(rest).toEqual(testCase.expected.slice(1).map((name, i) => `VAR ${name} = VAR ${testCase.expected[i]}.`));
  });

  test('builds a 128K-token prompt fast enough for CI', () => {
    const [testCase] = generateCases({ length: '128k', count: 1 });
    const started = performance.now();
    const text = buildCaseMessages(testCase!)[1]!.content as string;
    // A budget, not a measurement: it took about 25 ms on the 2-core CI machine.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(text.length).toBeGreaterThan(400_000);
  });

  test('records the prompt without its haystack, naming the haystack and every needle', () => {
    const [testCase] = generateCases({ length: '32k', count: 2 }).slice(1);
    const transcript = describeLongContextPrompt(testCase!);
    expect(transcript.length).toBeLessThan(2000);
    expect(transcript).toContain(testCase!.question);
    for (const needle of testCase!.needles) expect(transcript).toContain(needle);
    expect(transcript).toContain(`${testCase!.sentences} generated sentences (seed ${testCase!.haystackSeed})`);
  });
});
