import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDispatcher } from '../../../src/node/server/dispatcher.ts';
import { createEvalClient, type ChatTool, type EvalClient, type SamplingParams } from '../../../src/runtime/client/chat.ts';
import { RequestError } from '../../../src/shared/errors.ts';
import { killAll, startServer } from '../../simulator/support/sim-process.ts';

// The worker's client asking for tool calls and structured outputs, through the dispatcher to the simulated vLLM.

const SAMPLING: SamplingParams = { temperature: 0, topP: 1, seed: 1, maxTokens: 200 };
const TIMEOUTS = { headersTimeoutMs: 5_000, idleTimeoutMs: 5_000, requestTimeoutMs: 10_000 };
const WEATHER: ChatTool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};
const SCRIPT = [
  { match: { contains: 'Paris' }, response: 'Looking.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
  { match: { contains: 'broken' }, response: '<tool_call>\n{"name": "get_weather", "arguments": {city: Paris}}\n</tool_call>' },
  { match: { contains: 'person' }, response: 'Ada, 36' },
];
const ask = (content: string) => [{ role: 'user' as const, content }];

let withTools: EvalClient;
let withoutTools: EvalClient;
const closers: Array<() => Promise<void>> = [];
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'client-tools-'));
  const script = join(dir, 'script.json');
  writeFileSync(script, JSON.stringify(SCRIPT));
  const env = { VLLM_SIM_SCRIPT: script, VLLM_SIM_STEP_MS: '0.2', VLLM_SIM_STEP_PER_SEQ_MS: '0' };
  const [toolServer, plainServer] = await Promise.all([
    startServer(['--enable-auto-tool-choice', '--tool-call-parser', 'hermes'], env),
    startServer([], env),
  ]);
  const clientOf = async (url: string) => {
    const dispatcher = await startDispatcher({ upstreams: [url], inFlightLimit: 4, timeouts: TIMEOUTS });
    closers.push(dispatcher.close);
    return createEvalClient({ baseUrl: dispatcher.baseUrl, model: 'Qwen/Qwen2.5-7B-Instruct', maxRetries: 2 });
  };
  [withTools, withoutTools] = await Promise.all([clientOf(toolServer.baseUrl), clientOf(plainServer.baseUrl)]);
});
afterAll(async () => {
  while (closers.length) await closers.pop()!();
  await killAll();
});

describe('tool calls', () => {
  test('a request with tools returns the parsed calls and the content before them, as a plain (unstreamed) answer', async () => {
    const answer = await withTools.chat(ask('Weather in Paris?'), SAMPLING, undefined, { tools: [WEATHER] });
    expect(answer).toMatchObject({ text: 'Looking.\n', finishReason: 'tool_calls', ttftMs: null, tries: 1 });
    expect(answer.toolCalls).toEqual([
      { id: expect.stringMatching(/^chatcmpl-tool-/), type: 'function', function: { name: 'get_weather', arguments: '{"city": "Paris"}' } },
    ]);
  });

  test('a streamed request puts the call deltas back together', async () => {
    const answer = await withTools.chat(ask('Weather in Paris?'), SAMPLING, undefined, { tools: [WEATHER], stream: true });
    expect(answer.ttftMs).not.toBeNull();
    expect(answer.toolCalls.map((call) => call.function)).toEqual([{ name: 'get_weather', arguments: '{"city": "Paris"}' }]);
  });

  test("a call the server's parser cannot read stays in the text, with no tool calls", async () => {
    const answer = await withTools.chat(ask('broken please'), SAMPLING, undefined, { tools: [WEATHER] });
    expect([answer.text, answer.toolCalls]).toEqual([SCRIPT[1]!.response, []]);
  });

  test('an answer without tools has no tool calls', async () => {
    expect((await withTools.chat(ask('a person'), SAMPLING)).toolCalls).toEqual([]);
  });

  test('against a server without tool calling the 400 is not retried and names the flags to start it with', async () => {
    const error = await withoutTools.chat(ask('Weather in Paris?'), SAMPLING, undefined, { tools: [WEATHER] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ kind: 'tool-calling-off', status: 400, tries: 1 });
    expect((error as Error).message).toContain('--enable-auto-tool-choice --tool-call-parser');
    expect((error as Error).message).toContain('"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set');
  });
});

describe('structured outputs', () => {
  test('response_format reaches the server: the answer conforms to the schema, and without it does not', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    const format = { type: 'json_schema' as const, json_schema: { name: 'person', schema } };
    const constrained = await withoutTools.chat(ask('a person'), SAMPLING, undefined, { responseFormat: format });
    const free = await withoutTools.chat(ask('a person'), SAMPLING);
    expect([JSON.parse(constrained.text), free.text]).toEqual([{ name: '' }, 'Ada, 36']);
  });
});
