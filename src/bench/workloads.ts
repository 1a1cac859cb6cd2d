import type { BenchWorkloadConfig } from '../shared/config/benchmark.ts';
import type { RunContext } from '../shared/context.ts';
import type { BenchWorkload } from '../shared/records/benchmark.ts';
import { createRandom } from '../shared/stats/random.ts';
import { loadDatasetPrompts } from './dataset-prompts.ts';
import type { WorkloadRequest } from './run-load.ts';

// A workload's requests. Every request streams with usage, greedy, and `ignore_eos` with `max_tokens` = the output
// length, so output lengths hold on any server (the simulated one honours it too).

/** Random prompt token ids come from this range: ordinary tokens in every modern vocabulary (>= 32k entries). */
export const RANDOM_TOKEN_RANGE = [1000, 30000] as const;

/** A workload ready to send: what it is, and its request bodies (cycled through). */
export interface PreparedWorkload {
  workload: BenchWorkload;
  bodies: WorkloadRequest[];
}

// Build a workload's request bodies.
export async function prepareWorkload(config: BenchWorkloadConfig, run: RunContext, seed: number): Promise<PreparedWorkload> {
  const common = {
    model: run.model.id,
    max_tokens: config.outputTokens,
    ignore_eos: true,
    stream: true,
    stream_options: { include_usage: true },
    temperature: 0,
  };
  if (config.kind === 'random') {
    const random = createRandom(seed);
    const [low, high] = RANDOM_TOKEN_RANGE;
    const bodies = Array.from({ length: config.prompts }, () => ({
      path: '/v1/completions',
      body: JSON.stringify({
        ...common,
        prompt: Array.from({ length: config.inputTokens }, () => low + Math.floor(random() * (high - low))),
      }),
    }));
    return {
      workload: {
        name: config.name ?? `random-${config.inputTokens}x${config.outputTokens}`,
        kind: 'random',
        endpoint: 'completions',
        dataset: null,
        inputTokens: config.inputTokens,
        outputTokens: config.outputTokens,
        prompts: config.prompts,
      },
      bodies,
    };
  }
  const prompts = await loadDatasetPrompts(config.dataset, config.prompts, run);
  return {
    workload: {
      name: config.name ?? config.dataset,
      kind: 'dataset',
      endpoint: 'chat',
      dataset: config.dataset,
      inputTokens: null,
      outputTokens: config.outputTokens,
      prompts: prompts.length,
    },
    bodies: prompts.map((messages) => ({ path: '/v1/chat/completions', body: JSON.stringify({ ...common, messages }) })),
  };
}

/** `count` requests cycling through the workload's bodies from `offset`. */
export function takeRequests(bodies: readonly WorkloadRequest[], offset: number, count: number): WorkloadRequest[] {
  return Array.from({ length: count }, (_, i) => bodies[(offset + i) % bodies.length]!);
}
