import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { parseEvalConfig } from '../../../src/node/load-config.ts';
import { startDispatcher } from '../../../src/node/server/dispatcher.ts';
import { ServerSession } from '../../../src/node/server/session.ts';
import { resolveProjectSettings } from '../../../src/node/settings.ts';
import { parseEvalEnv } from '../../../src/shared/config/env.ts';
import { simulatorBin } from '../../helpers/processes.ts';

// Issue 12: local replicas behind the dispatcher's least-loaded balancing. Measured on the SIMULATED vLLM with slow
// steps and few slots, so the simulated engines, not the harness, bound the throughput.
const STEP_MS = 40;
const SLOTS = 2;
const REQUESTS = 12;
const TOKENS = 16;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

// A `vllm` that is the simulator with the step time set: the session launches it like a real one.
function slowSimulator(dir: string): string {
  const bin = join(dir, 'vllm');
  writeFileSync(
    bin,
    `#!/bin/sh\nVLLM_SIM_STEP_MS=${STEP_MS} VLLM_SIM_STEP_PER_SEQ_MS=0 VLLM_SIM_STARTUP_MS=50 exec ${JSON.stringify(simulatorBin)} "$@"\n`,
  );
  chmodSync(bin, 0o755);
  return bin;
}

// Launch `replicas` servers through a session, send the workload through the dispatcher after a warm-up, report
// output tokens/s over the dispatcher's busy time (first dispatch to last answer).
async function measure(replicas: number, dir: string) {
  const config = parseEvalConfig({
    models: { m: { id: 'Qwen/Qwen2.5-7B-Instruct', replicas } },
    presets: { slow: { gpuMemoryUtilization: 0.9, maxNumSeqs: SLOTS, prefixCaching: true } },
    defaultPreset: 'slow',
    server: { bin: slowSimulator(dir) },
  });
  const settings = resolveProjectSettings(config, parseEvalEnv({}), 'm');
  const dispatcher = await startDispatcher({ upstreams: [], inFlightLimit: settings.inFlightLimit });
  cleanups.push(dispatcher.close);
  const session = new ServerSession({
    settings,
    config,
    runId: `replicas-${replicas}`,
    resultsDir: dir,
    datasetBaseUrl: null,
    simulate: null,
    onUpstreams: (urls) => dispatcher.setUpstreams(urls),
    log: () => {},
  });
  cleanups.push(() => session.stopServer());
  const status = await session.status();
  const ask = async (question: string, maxTokens: number) => {
    const response = await fetch(`${dispatcher.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'Qwen/Qwen2.5-7B-Instruct',
        messages: [{ role: 'user', content: question }],
        max_tokens: maxTokens,
        ignore_eos: true,
      }),
    });
    return ((await response.json()) as { usage: { completion_tokens: number } }).usage.completion_tokens;
  };
  // Warm-up, excluded as `vllm bench serve` does: one request per replica opens its connection.
  await Promise.all(Array.from({ length: replicas }, (_, i) => ask(`warm-up ${i}`, 1)));
  dispatcher.resetStats();
  const answers = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => ask(`question ${i}`, TOKENS)));
  const tokens = answers.reduce((a, b) => a + b, 0);
  return { status, tokensPerSec: (tokens * 1000) / dispatcher.stats().busyMs };
}

// A throughput ratio measured in wall time: a 2-core machine busy with other test files once gave 1.75. One retry
// (a fresh measurement) keeps a real loss of scaling failing: it fails twice.
test(`two simulated replicas serve at least 1.8x the output tokens/s of one (SIMULATED: ${STEP_MS} ms steps, ${SLOTS} slots each)`, {
  retry: 1,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'replicas-'));
  const one = await measure(1, dir);
  await cleanups.pop()!();
  await cleanups.pop()!();
  const two = await measure(2, dir);
  expect(two.status.upstreams).toHaveLength(2);
  expect(two.status.label).toContain('2 vLLM replicas launched by the harness');
  expect(existsSync(join(dir, 'logs', 'replicas-2.replica-1.vllm.log'))).toBe(true);
  const ratio = two.tokensPerSec / one.tokensPerSec;
  expect(ratio, `simulated: ${one.tokensPerSec.toFixed(1)} -> ${two.tokensPerSec.toFixed(1)} output tok/s`).toBeGreaterThanOrEqual(1.8);
});
