import { afterEach, describe, expect, test } from 'vitest';
import { killAll, spawnVllm } from './support/sim-process.ts';

afterEach(killAll);

const STDOUT_ORDER = [
  'version 0.21.0',
  'SIMULATED vLLM',
  'non-default args: {',
  'Resolved architecture: Qwen2ForCausalLM',
  'Using max model len 32768',
  'Chunked prefill is enabled with max_num_batched_tokens=8192.',
  'Asynchronous scheduling is enabled.',
  'Initializing a V1 LLM engine (v0.21.0) with config:',
  'Starting to load model Qwen/Qwen2.5-7B-Instruct...',
  'Loading weights took',
  'Model loading took',
  'torch.compile took',
  'Available KV cache memory:',
  'GPU KV cache size:',
  'Maximum concurrency for 32,768 tokens per request:',
  'Graph capturing finished in',
  'init engine (profile, create kv cache, warmup model) took',
  "Supported tasks: ['generate']",
  'Starting vLLM server on http://0.0.0.0:',
  'Available routes are:',
  'Route: /v1/chat/completions, Methods: POST',
];

describe('startup', () => {
  test('logs the vLLM startup sequence in order with process prefixes', async () => {
    const sim = await spawnVllm(['serve', 'Qwen/Qwen2.5-7B-Instruct', '--port', '{port}']);
    await sim.waitForOutput('Application startup complete.');
    // That line is on stderr, a pipe read apart from stdout's: wait for stdout's last expected line too.
    await sim.waitForOutput(STDOUT_ORDER.at(-1)!);
    const out = sim.stdout();
    let at = -1;
    for (const text of STDOUT_ORDER) {
      const next = out.indexOf(text, at + 1);
      expect(next, `"${text}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
    expect(out).toMatch(/^\(APIServer pid=\d+\) INFO \d\d-\d\d \d\d:\d\d:\d\d \[[a-z_]+\.py:\d+\] Resolved architecture/m);
    expect(out).toMatch(/^\(EngineCore pid=\d+\) INFO .*GPU KV cache size: [\d,]+ tokens$/m);
  });

  test('prints the uvicorn lifecycle lines on stderr with Application startup complete last', async () => {
    const sim = await spawnVllm(['serve', 'Qwen/Qwen2.5-7B-Instruct', '--port', '{port}']);
    await sim.waitForOutput('Application startup complete.');
    const lines = sim.stderr().trimEnd().split('\n');
    expect(lines.at(-3)).toMatch(/^\(APIServer pid=\d+\) INFO: {5}Started server process \[\d+\]$/);
    expect(lines.at(-2)).toMatch(/INFO: {5}Waiting for application startup\.$/);
    expect(lines.at(-1)).toMatch(/^\(APIServer pid=\d+\) INFO: {5}Application startup complete\.$/);
    expect(sim.stdout()).not.toContain('Uvicorn running on');
  });

  test('refuses connections on the port until the engine is up, then /health answers 200 with an empty body', async () => {
    const sim = await spawnVllm(['serve', 'Qwen/Qwen2.5-7B-Instruct', '--port', '{port}'], { VLLM_SIM_STARTUP_MS: '5000' });
    await sim.waitForOutput('Starting to load model');
    const early = await fetch(`${sim.baseUrl}/health`).then(
      () => 'connected',
      (e: Error & { cause?: { code?: string } }) => e.cause?.code,
    );
    expect(early).toBe('ECONNREFUSED');
    await sim.waitForOutput('Application startup complete.');
    const res = await fetch(`${sim.baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(res.headers.get('x-vllm-simulated')).toBe('1');
  });

  test('fails startup with the EngineCore root cause and the RuntimeError line, exit 1', async () => {
    const sim = await spawnVllm(['serve', 'Qwen/Qwen2.5-7B-Instruct', '--port', '{port}'], { VLLM_SIM_FAIL_STARTUP: '1' });
    expect((await sim.exited).code).toBe(1);
    expect(sim.stdout()).toMatch(/\(EngineCore pid=\d+\) ERROR .*EngineCore failed to start\./);
    expect(sim.stderr()).toContain(
      "RuntimeError: Engine core initialization failed. See root cause above. Failed core proc(s): {'EngineCore': 1}",
    );
    expect(sim.stderr()).not.toContain('Application startup complete.');
  });

  test('fails in the engine core when the KV cache cannot hold one max-length request', async () => {
    const sim = await spawnVllm(['serve', 'Qwen/Qwen2.5-14B-Instruct', '--port', '{port}', '--gpu-memory-utilization', '0.45'], {});
    expect((await sim.exited).code).toBe(1);
    expect(sim.stdout()).toMatch(/ValueError: (To serve at least one request|No available memory for the cache blocks)/);
    expect(sim.stderr()).toContain('RuntimeError: Engine core initialization failed.');
  });
});
