import { join } from 'node:path';
import { loadGsm8k } from '../src/evals/gsm8k/data.ts';
import { buildGsm8kZeroShotMessages } from '../src/evals/gsm8k/prompt.ts';
import { startDatasetMirror } from '../src/node/datasets/mirror-server.ts';
import { sharedDir } from '../test/helpers/processes.ts';

// The bare clients' requests in the benchmarks: every GSM8K test case as the harness asks it (0-shot, streamed with
// usage, the run's sampling), as JSON bodies ready to send.

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
