import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildGoldResponse, joinBfclAnswers, readBfclAnswers, readBfclEntries, type BfclCase } from '../../../src/evals/bfcl/index.ts';
import { buildQwenPrompt } from '../../../src/evals/bfcl/qwen-prompt.ts';
import { bfclEvals } from '../../../src/evals/bfcl/suite.ts';
import { describeMiss } from '../../../src/runtime/define-eval.ts';
import type { EvalClient } from '../../../src/runtime/client/chat.ts';
import { createFakeClient, runCase } from '../../helpers/fake-client.ts';
import { readShared } from '../../helpers/shared.ts';
import { startScriptedClient } from './suite-path.ts';

// One BFCL case through the eval runner (`runEvalCase`): what its case record holds in each mode.

const cases = joinBfclAnswers(
  readBfclEntries(readShared('bfcl', 'BFCL_v4_simple_python.json'), 'simple_python'),
  readBfclAnswers(readShared('bfcl', 'possible_answer', 'BFCL_v4_simple_python.json')),
);
/** `math.factorial`: a dotted name, sent as `math_factorial`. */
const factorial = cases.find((c) => c.id === 'simple_python_1')!;
const [toolsSuite] = bfclEvals({ variants: { bfcl: ['simple_python'] } });
const [qwenSuite] = bfclEvals({ variants: { bfcl: ['simple_python.qwen_text'] } });

describe('tools mode', () => {
  const client = createFakeClient({
    answer: (_messages, options) => {
      const offered = options?.tools?.map((t) => t.function.name) ?? [];
      return { text: '', toolCalls: [{ id: 'call-1', type: 'function', function: { name: offered[0]!, arguments: '{"number": 5}' } }] };
    },
  });

  test('sends the functions as tools under underscored names and records the call under its own name', async () => {
    const record = await runCase(toolsSuite!, factorial, client, { caseId: factorial.id });
    expect(client.chats.at(-1)!.options?.tools?.map((t) => t.function.name)).toEqual(['math_factorial']);
    expect(record).toMatchObject({ caseId: 'simple_python_1', verdict: 'correct', scores: { accuracy: 1 } });
    expect(record.detail).toMatchObject({
      mode: 'tools',
      offered: ['math.factorial'],
      toolCalls: [{ name: 'math_factorial', arguments: '{"number": 5}' }],
      calls: [{ 'math.factorial': { number: 5 } }],
      errorType: null,
    });
  });

  test("a wrong argument is recorded with BFCL's error type", async () => {
    const wrong = createFakeClient({
      answer: () => ({
        text: '',
        toolCalls: [{ id: 'c', type: 'function', function: { name: 'math_factorial', arguments: '{"number": 6}' } }],
      }),
    });
    const record = await runCase(toolsSuite!, factorial, wrong, { caseId: factorial.id });
    expect(record.verdict).toBe('wrong');
    expect((record.detail as { errorType: string }).errorType).toBe('value_error:others');
  });

  test('text with a <tool_call> the server could not parse is a parser failure, not scored, said so', async () => {
    const broken = createFakeClient({ answer: () => '<tool_call>\n{"name": "math_factorial", "arguments": {number: 5}}\n</tool_call>' });
    const record = await runCase(toolsSuite!, factorial, broken, { caseId: factorial.id });
    expect(record).toMatchObject({ verdict: 'parser_failed', scores: { accuracy: null } });
    expect(describeMiss(record)).toMatch(/tool parser could not read the answer .*not scored, not a model failure/);
  });
});

describe('Qwen prompt mode on the simulated vLLM', () => {
  let asked: { client: EvalClient; close: () => Promise<void> };
  const gold = (item: BfclCase) => buildGoldResponse(item).text;
  beforeAll(async () => {
    asked = await startScriptedClient([
      { match: { endpoint: 'completions', equals: buildQwenPrompt(factorial) }, response: gold(factorial) },
    ]);
  });
  afterAll(() => asked?.close());

  test("sends BFCL's Qwen prompt to /v1/completions and reads the <tool_call> text", async () => {
    const record = await runCase(qwenSuite!, factorial, asked.client, { caseId: factorial.id });
    expect(record.prompt).toBe(buildQwenPrompt(factorial));
    expect(record.response).toContain('<tool_call>');
    expect(record).toMatchObject({ verdict: 'correct', scores: { accuracy: 1 } });
    expect(record.detail).toMatchObject({ mode: 'qwen_text', calls: [{ 'math.factorial': { number: 5 } }] });
    expect(record.detail).not.toHaveProperty('toolCalls');
  });
});
