import { afterEach, describe, expect, test } from 'vitest';
import { isAlive, killAll, postJson, startServer, waitForDeath } from './support/sim-process.ts';

afterEach(killAll);

describe('process lifecycle', () => {
  test('runs the EngineCore as a separate OS process', async () => {
    const sim = await startServer();
    const engine = sim.enginePid();
    expect(engine).not.toBeNull();
    expect(engine).not.toBe(sim.pid);
    expect(isAlive(engine as number)).toBe(true);
  });

  test('SIGTERM logs the shutdown lines, stops the EngineCore child and exits 0', async () => {
    const sim = await startServer();
    const engine = sim.enginePid() as number;
    process.kill(sim.pid, 'SIGTERM');
    expect(await sim.exited).toEqual({ code: 0, signal: null });
    expect(await waitForDeath(engine)).toBe(true);
    expect(sim.stdout()).toMatch(/\(EngineCore pid=\d+\) INFO .*Shutdown initiated \(timeout=0\)/);
    const err = sim.stderr();
    const order = [
      'INFO:     Shutting down',
      'INFO:     Waiting for application shutdown.',
      'INFO:     Application shutdown complete.',
      `INFO:     Finished server process [${sim.pid}]`,
    ];
    let at = -1;
    for (const line of order) {
      const next = err.indexOf(line, at + 1);
      expect(next).toBeGreaterThan(at);
      at = next;
    }
  });

  test('SIGTERM aborts in-flight requests and logs how many', async () => {
    const sim = await startServer([], { VLLM_SIM_STEP_MS: '50', VLLM_SIM_DEFAULT_RESPONSE: 'word '.repeat(200) });
    const pending = postJson(`${sim.baseUrl}/v1/chat/completions`, { messages: [{ role: 'user', content: 'hi' }], stream: true }).then(
      (r) => r.text(),
    );
    await new Promise((r) => setTimeout(r, 300));
    process.kill(sim.pid, 'SIGTERM');
    expect((await sim.exited).code).toBe(0);
    const body = await pending;
    expect(body).not.toContain('"finish_reason":"stop"');
    expect(sim.stdout()).toContain('Aborting 1 requests');
  });

  test('SIGKILL of only the API server leaves the EngineCore child running (deliberate orphan)', async () => {
    const sim = await startServer();
    const engine = sim.enginePid() as number;
    process.kill(sim.pid, 'SIGKILL');
    expect((await sim.exited).signal).toBe('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    expect(isAlive(engine)).toBe(true);
    process.kill(engine, 'SIGKILL');
    expect(await waitForDeath(engine)).toBe(true);
  });

  test('killing the process group stops both processes', async () => {
    const sim = await startServer();
    const engine = sim.enginePid() as number;
    process.kill(-sim.pid, 'SIGTERM');
    // Both get the signal at once: the API server may see its EngineCore die before its own handler runs and exit
    // 1 as vLLM does for a dead engine, so only the outcome counts: neither process is left.
    await sim.exited;
    expect(isAlive(sim.pid)).toBe(false);
    expect(await waitForDeath(engine)).toBe(true);
  });
});
