import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { killAll, postJson, sseData, startServer, type SimProcess } from './support/sim-process.ts';

// A thinking model asked with tools or a response format: it thinks first, the reasoning parser takes the thinking,
// and the tool parser or the schema constraint sees only the content after </think>.
const QWEN3 = 'Qwen/Qwen3-4B';
const WEATHER = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};
const CITY = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
const FAST = { VLLM_SIM_STEP_MS: '0.2', VLLM_SIM_STEP_PER_SEQ_MS: '0' };

let sim: SimProcess;
beforeAll(async () => {
  const script = join(mkdtempSync(join(tmpdir(), 'vllm-sim-reasoning-tools-')), 'script.json');
  writeFileSync(
    script,
    JSON.stringify([
      { match: { contains: 'weather in Paris', tools: true }, toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { match: { contains: 'Which city' }, response: 'Paris, I think.' },
    ]),
  );
  sim = await startServer(
    ['--reasoning-parser', 'qwen3', '--enable-auto-tool-choice', '--tool-call-parser', 'hermes'],
    { VLLM_SIM_SCRIPT: script, ...FAST },
    QWEN3,
  );
});
afterAll(killAll);

const weather = { messages: [{ role: 'user', content: 'What is the weather in Paris?' }], tools: [WEATHER] };

describe('a thinking model with tools and structured outputs on the simulated vLLM', () => {
  test('the tool call is parsed from the content after the thinking, which arrives as reasoning', async () => {
    const body = (await (await postJson(`${sim.baseUrl}/v1/chat/completions`, weather)).json()) as any;
    const choice = body.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.reasoning).toMatch(/let me think/);
    expect(choice.message.tool_calls.map((c: any) => [c.function.name, c.function.arguments])).toEqual([
      ['get_weather', '{"city": "Paris"}'],
    ]);
    expect(choice.message.content ?? '').not.toMatch(/think|tool_call/);
  });

  test('streamed, the thinking comes as delta.reasoning and the call as tool_calls deltas', async () => {
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, { ...weather, stream: true });
    const choices = sseData(await res.text())
      .filter((e) => e !== '[DONE]')
      .flatMap((e) => JSON.parse(e).choices);
    const deltas = choices.map((c: any) => c.delta);
    expect(deltas.map((d: any) => d.reasoning ?? '').join('')).toMatch(/let me think/);
    expect(deltas.map((d: any) => d.content ?? '').join('')).not.toMatch(/think|tool_call/);
    const calls = deltas.flatMap((d: any) => d.tool_calls ?? []);
    expect(calls.map((c: any) => c.function?.name).filter(Boolean)).toEqual(['get_weather']);
    expect(calls.map((c: any) => c.function?.arguments ?? '').join('')).toBe('{"city": "Paris"}');
    expect(choices.at(-1).finish_reason).toBe('tool_calls');
  });

  test('under a JSON schema the content after the thinking conforms to it', async () => {
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, {
      messages: [{ role: 'user', content: 'Which city is the capital of France?' }],
      response_format: { type: 'json_schema', json_schema: { name: 'city', schema: CITY } },
    });
    const message = ((await res.json()) as any).choices[0].message;
    expect(message.reasoning).toMatch(/let me think/);
    expect(JSON.parse(message.content.trim())).toEqual({ city: '' });
  });
});
