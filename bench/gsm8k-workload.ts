import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGsm8k } from '../src/evals/gsm8k/data.ts';
import { buildGsm8kZeroShotMessages } from '../src/evals/gsm8k/prompt.ts';
import { startDatasetMirror } from '../src/node/datasets/mirror-server.ts';
import { findFreePort } from '../src/node/server/free-port.ts';
import { launchServer, type LaunchedServer } from '../src/node/server/launch-server.ts';
import { STREAM_INTERVAL } from '../src/node/settings.ts';
import { sharedDir, simulatorBin } from '../test/helpers/processes.ts';

// The GSM8K workload of the client benchmarks: the simulated server they run against, and the bare clients' requests
// (every test case as the harness asks it: 0-shot, streamed with usage, the run's sampling) as JSON bodies.

/** Slots of the benchmarks' simulated server (`--max-num-seqs`, the balanced preset). */
export const BENCH_SLOTS = 64;

/** The model the benchmarks' simulated servers serve. */
export const BENCH_MODEL = 'Qwen/Qwen2.5-7B-Instruct';

export async function loadGsm8kChatBodies(): Promise<string[]> {
  const mirror = await startDatasetMirror({ root: join(sharedDir, 'datasets') });
  try {
    const data = await loadGsm8k({ datasetBaseUrl: mirror.baseUrl }, false);
    return data.test.map((c) =>
      JSON.stringify({
        model: BENCH_MODEL,
        messages: buildGsm8kZeroShotMessages(c),
        stream: true,
        stream_options: { include_usage: true },
        temperature: 0,
        top_p: 1,
        seed: 1234,
        max_tokens: 1024,
      }),
    );
  } finally {
    await mirror.close();
  }
}

/**
 * A simulated vLLM with BENCH_SLOTS slots as the harness's run launches it, answering from `script` (unscripted when
 * null); `env` adds knobs, `args` serve flags.
 */
export async function launchBenchSimulator(
  script: string | null,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<{ baseUrl: string; server: LaunchedServer }> {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = await launchServer({
    bin: simulatorBin,
    args: [
      'serve',
      BENCH_MODEL,
      '--port',
      String(port),
      '--max-num-seqs',
      String(BENCH_SLOTS),
      '--stream-interval',
      String(STREAM_INTERVAL),
      ...args,
    ],
    baseUrl,
    logFile: join(tmpdir(), `bench-sim-${port}.log`),
    readinessTimeoutMs: 30_000,
    shutdownGraceMs: 3_000,
    env: { ...(script === null ? {} : { VLLM_SIM_SCRIPT: script }), ...env },
  });
  return { baseUrl, server };
}
