import { afterEach, describe, expect, test } from 'vitest';
import { killAll, postJson, startServer, waitForDeath } from './support/sim-process.ts';

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
    const sim = await startServer([], { VLLM_SIM_DIE_AFTER_REQUESTS: '2', VLLM_SIM_STEP_MS: '20', VLLM_SIM_DEATH_EXIT_MS: '1500', VLLM_SIM_DEFAULT_RESPONSE: 'tok '.repeat(300) });
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
    expect(((await res.json()) as any).error.message).toBe("This model's maximum context length is 64 tokens. However, you requested 0 output tokens and your prompt contains at least 65 input tokens, for a total of at least 65 tokens. Please reduce the length of the input prompt or the number of requested output tokens. (parameter=input_tokens, value=65)");
  });

  test('rejects max_tokens above max-model-len with the max_tokens 400', async () => {
    const sim = await startServer(['--max-model-len', '1k']);
    const res = await postJson(`${sim.baseUrl}/v1/completions`, { prompt: 'x', max_tokens: 4000 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error).toMatchObject({ param: 'max_tokens', message: 'max_tokens=4000 cannot be greater than max_model_len=max_total_tokens=1000. Please request fewer output tokens. (parameter=max_tokens, value=4000)' });
  });
});
