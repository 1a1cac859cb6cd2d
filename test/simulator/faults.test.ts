import { afterEach, describe, expect, test } from 'vitest';
import { killAll, postJson, sseData, startServer, waitForDeath } from './support/sim-process.ts';

afterEach(killAll);

const chat = { messages: [{ role: 'user', content: 'hi' }] };

describe('fault injection', () => {
  test('VLLM_SIM_HTTP_500_EVERY fails every Nth generation request with vLLM error JSON', async () => {
    const sim = await startServer([], { VLLM_SIM_HTTP_500_EVERY: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, chat);
      statuses.push(res.status);
      const body = (await res.json()) as any;
      if (res.status === 500) expect(body.error).toMatchObject({ type: 'InternalServerError', code: 500, param: null });
    }
    expect(statuses).toEqual([200, 200, 500, 200, 200, 500]);
  });

  test('VLLM_SIM_429_EVERY answers every Nth generation request with 429 and retry-after', async () => {
    const sim = await startServer([], { VLLM_SIM_429_EVERY: '2' });
    const first = await postJson(`${sim.baseUrl}/v1/completions`, { prompt: 'x' });
    const second = await postJson(`${sim.baseUrl}/v1/completions`, { prompt: 'x' });
    expect([first.status, second.status]).toEqual([200, 429]);
    expect(second.headers.get('retry-after')).toBe('1');
  });

  test('VLLM_SIM_DIE_AFTER_REQUESTS kills the engine: open requests fail, /health turns 503, the server exits non-zero', async () => {
    const sim = await startServer([], {
      VLLM_SIM_DIE_AFTER_REQUESTS: '2',
      VLLM_SIM_STEP_MS: '20',
      VLLM_SIM_DEATH_EXIT_MS: '1500',
      VLLM_SIM_DEFAULT_RESPONSE: 'tok '.repeat(300),
    });
    const engine = sim.enginePid() as number;
    const longStream = postJson(`${sim.baseUrl}/v1/chat/completions`, { ...chat, stream: true }).then((r) => r.text());
    const longPlain = postJson(`${sim.baseUrl}/v1/chat/completions`, chat);
    for (let i = 0; i < 2; i++) expect((await postJson(`${sim.baseUrl}/v1/completions`, { prompt: 'x', max_tokens: 2 })).status).toBe(200);
    const streamed = await longStream;
    expect(streamed).toContain('"error":{"message":"EngineCore encountered an issue. See stack trace (above) for the root cause."');
    expect(streamed.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const plain = await longPlain;
    expect(plain.status).toBe(500);
    expect((await fetch(`${sim.baseUrl}/health`)).status).toBe(503);
    const exit = await sim.exited;
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(await waitForDeath(engine)).toBe(true);
    expect(sim.stdout()).toMatch(/ERROR .*Engine core proc EngineCore died unexpectedly/);
  });

  test('rejects a chat prompt that fills the context window with the at-least wording', async () => {
    const sim = await startServer(['--max-model-len', '64']);
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, { messages: [{ role: 'user', content: 'word '.repeat(100) }] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.message).toBe(
      "This model's maximum context length is 64 tokens. However, you requested 0 output tokens and your prompt contains at least 65 input tokens, for a total of at least 65 tokens. Please reduce the length of the input prompt or the number of requested output tokens. (parameter=input_tokens, value=65)",
    );
  });

  test('rejects max_tokens above max-model-len with the max_tokens 400', async () => {
    const sim = await startServer(['--max-model-len', '1k']);
    const res = await postJson(`${sim.baseUrl}/v1/completions`, { prompt: 'x', max_tokens: 4000 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error).toMatchObject({
      param: 'max_tokens',
      message:
        'max_tokens=4000 cannot be greater than max_model_len=max_total_tokens=1000. Please request fewer output tokens. (parameter=max_tokens, value=4000)',
    });
  });

  test('VLLM_SIM_RESET_AFTER_CHUNKS resets a stream after that many chunks, which arrive first', async () => {
    const sim = await startServer([], { VLLM_SIM_RESET_AFTER_CHUNKS: '1', VLLM_SIM_DEFAULT_RESPONSE: 'tok '.repeat(100) });
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, { ...chat, stream: true });
    const reader = res.body!.getReader();
    let received = '';
    const error = await (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return null;
        received += new TextDecoder().decode(value);
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(received).toContain('"role":"assistant"');
    expect(received).not.toContain('[DONE]');
  });

  test('VLLM_SIM_RESET_AFTER_CHUNKS=0 resets before any header', async () => {
    const sim = await startServer([], { VLLM_SIM_RESET_AFTER_CHUNKS: '0' });
    await expect(postJson(`${sim.baseUrl}/v1/chat/completions`, { ...chat, stream: true })).rejects.toThrow();
  });

  test('VLLM_SIM_STALL_AFTER_CHUNKS sends that many chunks, then nothing, never ending', async () => {
    const sim = await startServer([], { VLLM_SIM_STALL_AFTER_CHUNKS: '1', VLLM_SIM_DEFAULT_RESPONSE: 'tok '.repeat(100) });
    const controller = new AbortController();
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, { ...chat, stream: true }, {}, controller.signal);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const next = await Promise.race([reader.read().then(() => 'more'), new Promise((r) => setTimeout(() => r('silence'), 600))]);
    controller.abort();
    expect(first).toContain('"role":"assistant"');
    expect(next).toBe('silence');
  });

  test('VLLM_SIM_STALL_AFTER_CHUNKS=0 sends the headers at once and no chunk', async () => {
    const sim = await startServer([], { VLLM_SIM_STALL_AFTER_CHUNKS: '0' });
    const controller = new AbortController();
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, { ...chat, stream: true }, {}, controller.signal);
    const next = await Promise.race([
      res
        .body!.getReader()
        .read()
        .then(() => 'data'),
      new Promise((r) => setTimeout(() => r('silence'), 500)),
    ]);
    controller.abort();
    expect([res.status, next]).toEqual([200, 'silence']);
  });

  test('VLLM_SIM_SLOW_STREAM_MS streams one token per chunk at that pace', async () => {
    const sim = await startServer([], { VLLM_SIM_SLOW_STREAM_MS: '100', VLLM_SIM_DEFAULT_RESPONSE: 'one two three four' });
    const started = performance.now();
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, { ...chat, stream: true, stream_options: { include_usage: true } });
    const events = sseData(await res.text());
    const elapsed = performance.now() - started;
    const usage = JSON.parse(events.at(-2)!).usage as { completion_tokens: number };
    // One chunk per token (the first also carries the role), each ~100 ms after the last.
    expect(events.filter((e) => e.includes('"content"')).length).toBeGreaterThanOrEqual(usage.completion_tokens);
    expect(elapsed).toBeGreaterThanOrEqual(usage.completion_tokens * 100 - 50);
  });

  test('VLLM_SIM_ERROR_SHAPE=flat answers the context-length 400 in the older flat shape', async () => {
    const sim = await startServer([], { VLLM_SIM_ERROR_SHAPE: 'flat', VLLM_SIM_MAX_MODEL_LEN: '1100' });
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, {
      ...chat,
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'word '.repeat(200) }],
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(400);
    expect(body).toMatchObject({ object: 'error', type: 'BadRequestError', code: 400 });
    expect(body.message).toMatch(/^This model's maximum context length is 1100 tokens\. However, you requested 1024 output tokens/);
    expect(body.error).toBeUndefined();
  });

  test('VLLM_SIM_HTTP_500_BODY answers every generation request with that text, health stays up', async () => {
    const sim = await startServer([], { VLLM_SIM_HTTP_500_BODY: 'CUDA error: an illegal memory access was encountered' });
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, chat);
    expect([res.status, await res.text()]).toEqual([500, 'CUDA error: an illegal memory access was encountered']);
    expect((await fetch(`${sim.baseUrl}/health`)).status).toBe(200);
  });

  test('VLLM_SIM_IGNORE_MAX_TOKENS returns that many tokens past max_tokens with finish_reason length', async () => {
    const sim = await startServer([], { VLLM_SIM_IGNORE_MAX_TOKENS: '7' });
    const body = (await (await postJson(`${sim.baseUrl}/v1/chat/completions`, { ...chat, max_tokens: 20 })).json()) as any;
    expect([body.usage.completion_tokens, body.choices[0].finish_reason]).toEqual([27, 'length']);
  });

  test('VLLM_SIM_HUGE_ANSWER_CHARS streams an answer of that size, the scripted answer first', async () => {
    const sim = await startServer([], { VLLM_SIM_HUGE_ANSWER_CHARS: '2000000', VLLM_SIM_DEFAULT_RESPONSE: 'The answer is \\boxed{4}.' });
    const res = await postJson(`${sim.baseUrl}/v1/chat/completions`, { ...chat, stream: true, max_tokens: 1024 });
    const text = sseData(await res.text())
      .slice(0, -1)
      .map((e) => (JSON.parse(e).choices[0]?.delta?.content as string | undefined) ?? '')
      .join('');
    expect(text.length).toBeGreaterThanOrEqual(2_000_000);
    expect(text.startsWith('The answer is \\boxed{4}.')).toBe(true);
  });

  test('VLLM_SIM_OMIT_USAGE leaves out the usage chunk although include_usage asks for it', async () => {
    const sim = await startServer([], { VLLM_SIM_OMIT_USAGE: '1' });
    const events = sseData(
      await (
        await postJson(`${sim.baseUrl}/v1/chat/completions`, { ...chat, stream: true, stream_options: { include_usage: true } })
      ).text(),
    );
    expect(events.at(-1)).toBe('[DONE]');
    expect(events.some((e) => e.includes('"usage"'))).toBe(false);
    expect(JSON.parse(events.at(-2)!).choices[0].finish_reason).toBe('stop');
  });
});
