import { afterAll, describe, expect, test } from 'vitest';
// @ts-expect-error plain .mjs module of the simulator
import { stepDuration } from '../../src/simulator/lib/timing.mjs';
import { killAll, postJson, spawnVllm, startServer } from './support/sim-process.ts';

// Long contexts on the simulated vLLM: YaRN through --hf-overrides as vLLM v0.21 takes it, and prefill time that
// grows with the prompt when the timing model prices it.
const MODEL = 'Qwen/Qwen2.5-7B-Instruct';
const YARN = '{"rope_parameters":{"rope_type":"yarn","factor":4.0,"original_max_position_embeddings":32768}}';

afterAll(killAll);

// A user turn of about `tokens` tokens in the simulator's tokenizer (two tokens per "word.").
const longPrompt = (tokens: number) => ({
  model: MODEL,
  max_tokens: 4,
  messages: [{ role: 'user', content: 'word. '.repeat(tokens / 2) }],
});

describe.concurrent('simulated vLLM and long contexts', () => {
  test('serves 131072 tokens when YaRN is given through --hf-overrides, and takes a prompt a 32K server refuses', async () => {
    const sim = await startServer(['--hf-overrides', YARN, '--max-model-len', '131072']);
    const models = (await (await fetch(`${sim.baseUrl}/v1/models`)).json()) as { data: { max_model_len: number }[] };
    expect(models.data[0]!.max_model_len).toBe(131072);
    expect(sim.stdout()).toContain('Using max model len 131072');
    const answer = await postJson(`${sim.baseUrl}/v1/chat/completions`, longPrompt(40_000));
    expect(answer.status).toBe(200);
  });

  test('refuses --max-model-len 131072 without RoPE scaling, as vLLM does, and the removed --rope-scaling flag', async () => {
    const unscaled = await spawnVllm(['serve', MODEL, '--port', '{port}', '--max-model-len', '131072']);
    expect((await unscaled.exited).code).toBe(1);
    expect(unscaled.stderr()).toContain('User-specified max_model_len (131072) is greater than the derived max_model_len');
    const removed = await spawnVllm(['serve', MODEL, '--port', '{port}', '--rope-scaling', '{"rope_type":"yarn","factor":4.0}']);
    expect((await removed.exited).code).toBe(2);
    expect(removed.stderr()).toContain('unrecognized arguments: --rope-scaling');
  });

  test('delivers the first token of a long prompt no sooner than its modelled prefill', async () => {
    const perTokenMs = 0.02;
    const sim = await startServer([], { VLLM_SIM_PREFILL_PER_TOKEN_MS: String(perTokenMs) });
    const ttft = async (tokens: number) => {
      const started = performance.now();
      const response = await postJson(`${sim.baseUrl}/v1/chat/completions`, { ...longPrompt(tokens), stream: true });
      const reader = response.body!.getReader();
      await reader.read();
      const elapsed = performance.now() - started;
      await reader.cancel();
      return elapsed;
    };
    // Only the lower bound is a behaviour: an upper one, or "longer than a short prompt", depends on the machine's load.
    expect(await ttft(20_000)).toBeGreaterThanOrEqual(20_000 * perTokenMs);
    const timing = (await (await fetch(`${sim.baseUrl}/_sim/timing`)).json()) as { prefillPerTokenMs: number };
    expect(timing.prefillPerTokenMs).toBe(perTokenMs);
  });
});

describe('simulated prefill price', () => {
  const model = { stepMs: 4, perSeqMs: 0.05, prefillPerTokenMs: 0.02 };

  test('lengthens a step in proportion to the uncached prompt tokens it prefills', () => {
    const price = (tokens: number) => stepDuration(model, 1, tokens) - stepDuration(model, 1, 0);
    expect(price(4000)).toBeCloseTo(80);
    expect(price(128_000)).toBeCloseTo(32 * price(4000));
  });

  test('charges nothing for a prefill when the price is off', () => {
    expect(stepDuration({ ...model, prefillPerTokenMs: 0 }, 1, 128_000)).toBe(stepDuration(model, 1, 0));
  });
});
