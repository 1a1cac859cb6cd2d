import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { killAll, postJson, sseData, startServer, type SimProcess } from './support/sim-process.ts';

const MODEL = 'Qwen/Qwen2.5-7B-Instruct';
const SCRIPT = [
  { match: { contains: 'capital of France' }, response: 'The capital of France is Paris.' },
  { match: { anyMessage: 'You are a strict judge' }, response: 'Score: 7' },
  { match: { endpoint: 'completions', endsWith: ' Paris' }, logprob: -0.75 },
  { match: { endpoint: 'completions', equals: 'Count:' }, response: ' one two three four five six' },
];

let sim: SimProcess;
let keyed: SimProcess;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vllm-sim-'));
  const script = join(dir, 'script.json');
  writeFileSync(script, JSON.stringify(SCRIPT));
  [sim, keyed] = await Promise.all([
    startServer([], { VLLM_SIM_SCRIPT: script }),
    startServer(['--api-key', 'sekret', '--served-model-name', 'qwen'], { VLLM_SIM_SCRIPT: script }),
  ]);
});
afterAll(killAll);

const ask = (content: string) => ({ model: MODEL, messages: [{ role: 'user' as const, content }] });

describe('HTTP endpoints', () => {
  test('GET /version returns the emulated vLLM version', async () => {
    expect(await (await fetch(`${sim.baseUrl}/version`)).json()).toEqual({ version: '0.21.0' });
  });

  test('GET /v1/models lists the served model with max_model_len', async () => {
    const body = (await (await fetch(`${sim.baseUrl}/v1/models`)).json()) as {
      object: string;
      data: { id: string; owned_by: string; max_model_len: number }[];
    };
    expect(body.object).toBe('list');
    expect(body.data[0]).toMatchObject({ id: MODEL, owned_by: 'vllm', max_model_len: 32768, root: MODEL, parent: null });
  });

  test('marks every response with x-vllm-simulated: 1, errors included', async () => {
    const ok = await fetch(`${sim.baseUrl}/ping`);
    const notFound = await postJson(`${sim.baseUrl}/v1/chat/completions`, { ...ask('x'), model: 'nope' });
    expect(ok.headers.get('x-vllm-simulated')).toBe('1');
    expect(notFound.headers.get('x-vllm-simulated')).toBe('1');
  });

  test('answers a scripted chat question non-streaming with usage counted from the ChatML prompt', async () => {
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, ask('What is the capital of France?'));
    const body = (await res.json()) as any;
    expect(res.status).toBe(200);
    expect(body.object).toBe('chat.completion');
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.choices[0].message).toMatchObject({ role: 'assistant', content: 'The capital of France is Paris.' });
    expect(body.choices[0].finish_reason).toBe('stop');
    const tok = (await (
      await postJson(`${sim.baseUrl}/tokenize`, { messages: ask('What is the capital of France?').messages })
    ).json()) as { count: number };
    expect(body.usage.prompt_tokens).toBe(tok.count);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  test('streams a scripted chat answer as SSE with a final usage chunk and [DONE]', async () => {
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, {
      ...ask('capital of France?'),
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = sseData(await res.text());
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('The capital of France is Paris.');
    const usage = chunks.at(-1);
    expect(usage.choices).toEqual([]);
    expect(usage.usage.completion_tokens).toBeGreaterThan(0);
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
  });

  test('streams a chat completion with usage through the openai SDK', async () => {
    const client = new OpenAI({ baseURL: `${sim.baseUrl}/v1`, apiKey: 'unused', maxRetries: 0 });
    const stream = await client.chat.completions.create({
      ...ask('capital of France?'),
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('The capital of France is Paris.');
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  test('matches anyMessage rules against the whole transcript (judge prompts)', async () => {
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, {
      messages: [
        { role: 'system', content: 'You are a strict judge.' },
        { role: 'user', content: 'Rate this.' },
      ],
    });
    expect(((await res.json()) as any).choices[0].message.content).toBe('Score: 7');
  });

  test('answers unmatched chat requests with the default response', async () => {
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, ask('unscripted'));
    expect(((await res.json()) as any).choices[0].message.content).toBe('I am a simulated model and have no scripted answer.');
  });

  test('cuts output at max_tokens with finish_reason length', async () => {
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, { ...ask('capital of France?'), max_tokens: 3 });
    const body = (await res.json()) as any;
    expect(body.choices[0].finish_reason).toBe('length');
    expect(body.usage.completion_tokens).toBe(3);
    expect(body.choices[0].message.content).toBe('The capital of');
  });

  test('stops at a stop string and reports it as stop_reason', async () => {
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, { ...ask('capital of France?'), stop: [' is'] });
    const body = (await res.json()) as any;
    expect(body.choices[0]).toMatchObject({ finish_reason: 'stop', stop_reason: ' is' });
    expect(body.choices[0].message.content).toBe('The capital of France');
  });

  test('returns the scripted continuation logprob sum for echo + logprobs with max_tokens 0', async () => {
    const res = await postJson(`${sim.baseUrl}/v1/completions`, {
      model: MODEL,
      prompt: 'Q: capital of France? A: Paris',
      echo: true,
      logprobs: 1,
      max_tokens: 0,
    });
    const body = (await res.json()) as any;
    const lp = body.choices[0].logprobs;
    expect(body.choices[0].text).toBe('Q: capital of France? A: Paris');
    expect(lp.token_logprobs[0]).toBeNull();
    expect(lp.tokens.at(-1)).toBe(' Paris');
    expect(lp.token_logprobs.at(-1)).toBeCloseTo(-0.75, 10);
    expect(lp.token_logprobs.slice(1).every((x: number) => x < 0)).toBe(true);
    expect(body.usage.completion_tokens).toBe(0);
  });

  test('completes a list of prompts with max_tokens defaulting to 16', async () => {
    const res = await postJson(`${sim.baseUrl}/v1/completions`, { prompt: ['Count:', 'Other'], max_tokens: 3 });
    const body = (await res.json()) as any;
    expect(body.choices.map((c: any) => c.index)).toEqual([0, 1]);
    expect(body.choices[0].text).toBe(' one two three');
    const dflt = (await (await postJson(`${sim.baseUrl}/v1/completions`, { prompt: 'Hello', ignore_eos: true })).json()) as any;
    expect(dflt.usage.completion_tokens).toBe(16);
    expect(dflt.choices[0].finish_reason).toBe('length');
  });

  test('round-trips text through /tokenize and /detokenize', async () => {
    const prompt = 'Hello,  world! 12345 Été\n\tdone';
    const tok = (await (await postJson(`${sim.baseUrl}/tokenize`, { prompt })).json()) as {
      tokens: number[];
      count: number;
      max_model_len: number;
    };
    expect(tok.count).toBe(tok.tokens.length);
    expect(tok.max_model_len).toBe(32768);
    const detok = (await (await postJson(`${sim.baseUrl}/detokenize`, { tokens: tok.tokens })).json()) as { prompt: string };
    expect(detok.prompt).toBe(prompt);
  });

  test('rejects an unknown model name with 404 and vLLM error JSON', async () => {
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, { ...ask('x'), model: 'gpt-4' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { message: 'The model `gpt-4` does not exist.', type: 'NotFoundError', param: 'model', code: 404 },
    });
  });

  test('rejects a prompt longer than max-model-len with the context-length 400', async () => {
    const res = await postJson(`${sim.baseUrl}/v1/completions`, { prompt: 'word '.repeat(33000), max_tokens: 10 });
    const body = (await res.json()) as any;
    expect(res.status).toBe(400);
    expect(body.error.type).toBe('BadRequestError');
    expect(body.error.param).toBe('input_tokens');
    expect(body.error.message).toMatch(
      /^This model's maximum context length is 32768 tokens\. However, you requested 10 output tokens and your prompt contains \d+ input tokens, for a total of \d+ tokens\./,
    );
  });

  test('ignores unknown JSON fields', async () => {
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, {
      ...ask('capital of France?'),
      guided_json: { type: 'object' },
      frobnicate: 1,
    });
    expect(res.status).toBe(200);
  });

  test('requires the API key on /v1 paths with 401 {"error":"Unauthorized"} but not on /health', async () => {
    const denied = await postJson(`${keyed.baseUrl}/v1/chat/completions`, { ...ask('x'), model: 'qwen' });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ error: 'Unauthorized' });
    expect((await fetch(`${keyed.baseUrl}/health`)).status).toBe(200);
    const ok = await postJson(`${keyed.baseUrl}/v1/chat/completions`, { ...ask('x'), model: 'qwen' }, { authorization: 'Bearer sekret' });
    expect(((await ok.json()) as any).model).toBe('qwen');
  });

  test('exposes the always-present vLLM metrics with model_name and engine labels', async () => {
    // A finished request of its own, so the success counter has a value whichever tests ran before.
    expect((await postJson(`${sim.baseUrl}/v1/chat/completions`, ask('What is the capital of France?'))).status).toBe(200);
    const text = await (await fetch(`${sim.baseUrl}/metrics`)).text();
    for (const series of [
      'vllm:num_requests_running',
      'vllm:num_requests_waiting',
      'vllm:kv_cache_usage_perc',
      'vllm:prompt_tokens_total',
      'vllm:generation_tokens_total',
      'vllm:prefix_cache_queries_total',
      'vllm:prefix_cache_hits_total',
      'vllm:time_to_first_token_seconds_bucket',
      'vllm:e2e_request_latency_seconds_count',
      'vllm:request_queue_time_seconds_sum',
    ]) {
      expect(text).toMatch(new RegExp(`^${series}\\{model_name="${MODEL.replace('.', '\\.')}",engine="0"`, 'm'));
    }
    expect(text).toMatch(/^vllm:request_success_total\{model_name="[^"]+",engine="0",finished_reason="stop"\} [1-9]/m);
  });
});
