import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { killAll, postJson, startServer, type SimProcess } from './support/sim-process.ts';

// A thinking model asked with a response format: it thinks first, the reasoning parser takes the thinking, and the
// schema constraint applies to the content after </think> (with tools: test/simulator/tool-calls.test.ts).
const QWEN3 = 'Qwen/Qwen3-4B';
const CITY = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
const FAST = { VLLM_SIM_STEP_MS: '0.2', VLLM_SIM_STEP_PER_SEQ_MS: '0' };

let sim: SimProcess;
beforeAll(async () => {
  const script = join(mkdtempSync(join(tmpdir(), 'vllm-sim-reasoning-structured-')), 'script.json');
  writeFileSync(script, JSON.stringify([{ match: { contains: 'Which city' }, response: 'Paris, I think.' }]));
  sim = await startServer(['--reasoning-parser', 'qwen3'], { VLLM_SIM_SCRIPT: script, ...FAST }, QWEN3);
});
afterAll(killAll);

describe('a thinking model with structured outputs on the simulated vLLM', () => {
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
