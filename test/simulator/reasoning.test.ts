import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { killAll, postJson, spawnVllm, sseData, startServer, type SimProcess } from './support/sim-process.ts';

// Reasoning models as vLLM v0.21 serves them (shared/vllm/server-behaviour.md section 7): the thinking goes to
// `message.reasoning` / `delta.reasoning` only with `--reasoning-parser`, and its tokens are part of completion_tokens.
const QWEN3 = 'Qwen/Qwen3-4B';
const R1 = 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B';
const QUESTION = 'What is the capital of France?';
const ANSWER = 'The capital of France is Paris.';
// The deterministic thinking the simulator puts before a scripted answer (src/simulator/README.md).
const THOUGHT = `\nOkay, let me think about this. The question is: "${QUESTION}". I will work it out step by step and check the result before I answer.\n`;

let parsed: SimProcess;
let unparsed: SimProcess;
let r1: SimProcess;
let plain: SimProcess;
beforeAll(async () => {
  const script = join(mkdtempSync(join(tmpdir(), 'vllm-sim-reasoning-')), 'script.json');
  writeFileSync(script, JSON.stringify([{ match: { contains: 'capital of France' }, response: ANSWER }]));
  const env = { VLLM_SIM_SCRIPT: script };
  [parsed, unparsed, r1, plain] = await Promise.all([
    startServer(['--reasoning-parser', 'qwen3'], env, QWEN3),
    startServer([], env, QWEN3),
    startServer(['--reasoning-parser', 'deepseek_r1'], env, R1),
    startServer(['--reasoning-parser', 'qwen3'], env),
  ]);
});
afterAll(killAll);

async function chat(sim: SimProcess, extra: Record<string, unknown> = {}): Promise<any> {
  const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, { messages: [{ role: 'user', content: QUESTION }], ...extra });
  expect(res.status).toBe(200);
  return res.json();
}

async function tokenCount(sim: SimProcess, prompt: string): Promise<number> {
  return ((await (await postJson(`${sim.baseUrl}/tokenize`, { prompt })).json()) as { count: number }).count;
}

describe('reasoning models on the simulated vLLM', () => {
  test('with --reasoning-parser qwen3 the thinking is in message.reasoning and only the answer in content', async () => {
    const body = await chat(parsed);
    expect(body.choices[0].message).toMatchObject({ role: 'assistant', reasoning: THOUGHT, content: `\n\n${ANSWER}` });
    expect(body.choices[0].message).not.toHaveProperty('reasoning_content');
  });

  test('counts the reasoning inside completion_tokens, with no completion_tokens_details (v0.21 sends none)', async () => {
    const body = await chat(parsed);
    const { reasoning, content } = body.choices[0].message;
    // <think> and </think> are one token each, and the answer ends with EOS.
    const expected = (await tokenCount(parsed, reasoning)) + (await tokenCount(parsed, content)) + 2 + 1;
    expect(body.usage.completion_tokens).toBe(expected);
    expect(body.usage).not.toHaveProperty('completion_tokens_details');
  });

  test('streams the thinking as delta.reasoning and the answer as delta.content', async () => {
    const res = await postJson(`${parsed.baseUrl}/v1/chat/completions`, {
      messages: [{ role: 'user', content: QUESTION }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const events = sseData(await res.text());
    const chunks = events.filter((e) => e !== '[DONE]').map((e) => JSON.parse(e));
    const deltas = chunks.flatMap((c) => c.choices.map((choice: any) => choice.delta));
    expect(deltas.map((d) => d.reasoning ?? '').join('')).toBe(THOUGHT);
    expect(deltas.map((d) => d.content ?? '').join('')).toBe(`\n\n${ANSWER}`);
    expect(chunks.at(-1).usage.completion_tokens).toBe((await chat(parsed)).usage.completion_tokens);
  });

  test('chat_template_kwargs enable_thinking false turns thinking off: no reasoning, the answer alone, an empty think block in the prompt', async () => {
    const [on, off] = await Promise.all([chat(parsed), chat(parsed, { chat_template_kwargs: { enable_thinking: false } })]);
    expect(off.choices[0].message).toMatchObject({ reasoning: null, content: ANSWER });
    // The template closes an empty block in the prompt: <think>, \n\n, </think>, \n\n.
    expect(off.usage.prompt_tokens - on.usage.prompt_tokens).toBe(4);
    expect(off.usage.completion_tokens).toBeLessThan(on.usage.completion_tokens);
  });

  test('--default-chat-template-kwargs sets the thinking default that a request can still override', async () => {
    const sim = await startServer(
      ['--default-chat-template-kwargs', '{"enable_thinking": false}', '--reasoning-parser', 'qwen3'],
      {},
      QWEN3,
    );
    const [quiet, asked] = await Promise.all([chat(sim), chat(sim, { chat_template_kwargs: { enable_thinking: true } })]);
    expect(quiet.choices[0].message.reasoning).toBeNull();
    expect(asked.choices[0].message.reasoning).toContain('let me think');
  });

  test('without a reasoning parser the <think>…</think> text stays in content', async () => {
    const body = await chat(unparsed);
    expect(body.choices[0].message).toMatchObject({ reasoning: null, content: `<think>${THOUGHT}</think>\n\n${ANSWER}` });
  });

  test('a DeepSeek-R1 model writes only </think> (its template opens the block) and thinks whatever enable_thinking says', async () => {
    const body = await chat(r1, { chat_template_kwargs: { enable_thinking: false } });
    expect(body.choices[0].message).toMatchObject({ reasoning: THOUGHT.slice(1), content: `\n\n${ANSWER}` });
  });

  test('a thinking answer cut at max_tokens is all reasoning, with finish_reason length', async () => {
    const body = await chat(parsed, { max_tokens: 8 });
    expect(body.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: null } });
    expect(body.choices[0].message.reasoning).toMatch(/^\nOkay, let me/);
  });

  test('include_reasoning false drops the reasoning but keeps the answer', async () => {
    const body = await chat(parsed, { include_reasoning: false });
    expect(body.choices[0].message).toMatchObject({ reasoning: null, content: `\n\n${ANSWER}` });
  });

  test('qwen3 parser on a model that does not think calls the whole answer reasoning (the parser waits for </think>)', async () => {
    const body = await chat(plain);
    expect(body.choices[0].message).toMatchObject({ reasoning: ANSWER, content: null });
  });

  test('an unknown reasoning parser stops startup with vLLM KeyError, exit 1', async () => {
    const sim = await spawnVllm(['serve', QWEN3, '--port', '{port}', '--reasoning-parser', 'qwen4']);
    expect((await sim.exited).code).toBe(1);
    expect(sim.stderr()).toMatch(/KeyError: 'invalid reasoning parser: qwen4 \(chose from \{ .*qwen3.* \}\)'/);
  });
});
