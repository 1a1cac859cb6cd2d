import { afterEach, describe, expect, test } from 'vitest';
import { killAll, postJson, startServer } from './support/sim-process.ts';

afterEach(killAll);

interface Stats {
  slots: number;
  steps: number;
  tokenSteps: number;
  busyMs: number;
  idealMs: number;
  maxWaiting: number;
  requests: number;
  completed: number;
  meanRunning: number;
}

const gauge = (text: string, name: string) => Number(new RegExp(`^vllm:${name}\\{[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1]);

describe('continuous batching', () => {
  test('never runs more than max-num-seqs at once and queues the rest', async () => {
    const L = 40;
    const sim = await startServer(['--max-num-seqs', '4'], {
      VLLM_SIM_STEP_MS: '10',
      VLLM_SIM_DEFAULT_RESPONSE: Array.from({ length: L - 1 }, (_, i) => ` w${i % 10}`)
        .join('')
        .replace(/\d/g, ''),
    });
    const requests = Array.from({ length: 12 }, () =>
      postJson(`${sim.baseUrl}/v1/chat/completions`, { messages: [{ role: 'user', content: 'go' }], max_tokens: L, ignore_eos: true }),
    );
    const seen: { running: number; waiting: number }[] = [];
    let finished = false;
    const all = Promise.all(requests).then(async (rs) => {
      finished = true;
      return Promise.all(rs.map((r) => r.json() as Promise<any>));
    });
    while (!finished) {
      const text = await (await fetch(`${sim.baseUrl}/metrics`)).text();
      seen.push({ running: gauge(text, 'num_requests_running'), waiting: gauge(text, 'num_requests_waiting') });
      await new Promise((r) => setTimeout(r, 20));
    }
    const bodies = await all;
    expect(bodies.every((b) => b.usage.completion_tokens === L)).toBe(true);
    expect(Math.max(...seen.map((s) => s.running))).toBeLessThanOrEqual(4);
    expect(seen.some((s) => s.waiting > 0)).toBe(true);
    const stats = (await (await fetch(`${sim.baseUrl}/_sim/stats`)).json()) as Stats;
    expect(stats).toMatchObject({ slots: 4, requests: 12, completed: 12, tokenSteps: 12 * L });
    expect(stats.maxWaiting).toBeGreaterThanOrEqual(8);
    // 12 requests of L tokens on 4 slots: three waves of L steps.
    expect(stats.steps).toBeGreaterThanOrEqual(3 * L);
    expect(stats.steps).toBeLessThanOrEqual(3 * L + 3);
  });

  test('reports an efficiency close to ideal when every slot is kept busy', async () => {
    const sim = await startServer(['--max-num-seqs', '8'], { VLLM_SIM_STEP_MS: '4' });
    await postJson(`${sim.baseUrl}/_sim/reset-stats`, {});
    await Promise.all(
      Array.from({ length: 16 }, () =>
        postJson(`${sim.baseUrl}/v1/completions`, { prompt: 'x', max_tokens: 50, ignore_eos: true }).then((r) => r.json()),
      ),
    );
    const stats = (await (await fetch(`${sim.baseUrl}/_sim/stats`)).json()) as Stats;
    expect(stats.tokenSteps).toBe(16 * 50);
    expect(stats.idealMs).toBeCloseTo(Math.ceil((16 * 50) / 8) * (4 + 0.05 * 8), 6);
    expect(stats.busyMs).toBeGreaterThanOrEqual(stats.idealMs * 0.9);
    expect(stats.busyMs).toBeLessThan(stats.idealMs * 2);
    expect(stats.meanRunning).toBeGreaterThan(6);
  });

  test('streams once per engine step with every token produced since the last write', async () => {
    const sim = await startServer([], { VLLM_SIM_STEP_MS: '5', VLLM_SIM_DEFAULT_RESPONSE: 'a b c d e f g h' });
    const res = await postJson(`${sim.baseUrl}/v1/completions`, { prompt: 'x', stream: true, max_tokens: 20 });
    const events = (await res.text()).split('\n\n').filter((e) => e.startsWith('data: {'));
    expect(events.map((e) => JSON.parse(e.slice(6)).choices[0].text).join('')).toBe('a b c d e f g h');
  });
});
