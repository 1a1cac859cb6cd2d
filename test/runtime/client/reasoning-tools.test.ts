import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDispatcher } from '../../../src/node/server/dispatcher.ts';
import { createEvalClient, type ChatTool, type EvalClient, type SamplingParams } from '../../../src/runtime/client/chat.ts';
import { killAll, startServer } from '../../simulator/support/sim-process.ts';

// A reasoning model asked with tools: the client's answer carries both the server's parsed calls and the reasoning
// record, plain (the default with tools) and streamed.

const QWEN3 = 'Qwen/Qwen3-4B';
const SAMPLING: SamplingParams = { temperature: 0, topP: 1, seed: 1, maxTokens: 300 };
const TIMEOUTS = { headersTimeoutMs: 5_000, idleTimeoutMs: 5_000, requestTimeoutMs: 10_000 };
const WEATHER: ChatTool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

let client: EvalClient;
let close: () => Promise<void>;
beforeAll(async () => {
  const script = join(mkdtempSync(join(tmpdir(), 'client-reasoning-tools-')), 'script.json');
  writeFileSync(
    script,
    JSON.stringify([{ match: { contains: 'Paris' }, toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] }]),
  );
  const server = await startServer(
    ['--reasoning-parser', 'qwen3', '--enable-auto-tool-choice', '--tool-call-parser', 'hermes'],
    { VLLM_SIM_SCRIPT: script, VLLM_SIM_STEP_MS: '0.2', VLLM_SIM_STEP_PER_SEQ_MS: '0' },
    QWEN3,
  );
  const dispatcher = await startDispatcher({ upstreams: [server.baseUrl], inFlightLimit: 2, timeouts: TIMEOUTS });
  close = dispatcher.close;
  client = createEvalClient({ baseUrl: dispatcher.baseUrl, model: QWEN3, maxRetries: 0, thinking: true });
});
afterAll(async () => {
  await close();
  await killAll();
});

describe('a reasoning model with tools', () => {
  test.each([false, true])('returns the parsed calls beside the reasoning the server split off (streamed: %s)', async (stream) => {
    const answer = await client.chat([{ role: 'user', content: 'Weather in Paris?' }], SAMPLING, undefined, { tools: [WEATHER], stream });
    expect(answer.toolCalls.map((c) => [c.function.name, c.function.arguments])).toEqual([['get_weather', '{"city": "Paris"}']]);
    expect(answer.reasoning).toMatchObject({ splitBy: 'server', text: expect.stringMatching(/let me think/) });
    expect(answer.reasoning!.tokens).toBeGreaterThan(0);
    expect(answer.text).not.toMatch(/think|tool_call/);
  });
});
