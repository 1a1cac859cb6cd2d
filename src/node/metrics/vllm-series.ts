import type { PromSample } from './prometheus.ts';

// The vLLM v0.21 series the harness reads from /metrics (names from shared/vllm/metrics.tsv), summed over the
// `engine` label (a data-parallel server exposes one series per engine behind one URL).

/** One scrape of one replica; null where the series was absent. */
export interface VllmSnapshot {
  running: number | null;
  waiting: number | null;
  /** Highest `vllm:kv_cache_usage_perc` over the engines, 0..1. */
  kvCacheUsage: number | null;
  prefixCacheQueries: number | null;
  prefixCacheHits: number | null;
  preemptions: number | null;
  promptTokens: number | null;
  generationTokens: number | null;
  /** KV capacity in tokens from `vllm:cache_config_info` (num_gpu_blocks x block_size), summed over engines. */
  kvCacheTokens: number | null;
  /** Series read here that the server did not expose. */
  missing: string[];
}

/** The series names, as exposed (counters with their `_total`). */
export const VLLM_SERIES = {
  running: 'vllm:num_requests_running',
  waiting: 'vllm:num_requests_waiting',
  kvCacheUsage: 'vllm:kv_cache_usage_perc',
  prefixCacheQueries: 'vllm:prefix_cache_queries_total',
  prefixCacheHits: 'vllm:prefix_cache_hits_total',
  preemptions: 'vllm:num_preemptions_total',
  promptTokens: 'vllm:prompt_tokens_total',
  generationTokens: 'vllm:generation_tokens_total',
} as const;

const CACHE_CONFIG = 'vllm:cache_config_info';

// Pick the harness's series out of one scrape.
export function readVllmSnapshot(samples: readonly PromSample[]): VllmSnapshot {
  const byName = new Map<string, PromSample[]>();
  for (const sample of samples) {
    const list = byName.get(sample.name);
    if (list) list.push(sample);
    else byName.set(sample.name, [sample]);
  }
  const missing: string[] = [];
  const sum = (name: string): number | null => {
    const list = byName.get(name);
    if (!list) {
      missing.push(name);
      return null;
    }
    return list.reduce((total, s) => total + s.value, 0);
  };
  const max = (name: string): number | null => {
    const list = byName.get(name);
    if (!list) {
      missing.push(name);
      return null;
    }
    return Math.max(...list.map((s) => s.value));
  };
  return {
    running: sum(VLLM_SERIES.running),
    waiting: sum(VLLM_SERIES.waiting),
    kvCacheUsage: max(VLLM_SERIES.kvCacheUsage),
    prefixCacheQueries: sum(VLLM_SERIES.prefixCacheQueries),
    prefixCacheHits: sum(VLLM_SERIES.prefixCacheHits),
    preemptions: sum(VLLM_SERIES.preemptions),
    promptTokens: sum(VLLM_SERIES.promptTokens),
    generationTokens: sum(VLLM_SERIES.generationTokens),
    kvCacheTokens: kvCapacity(byName.get(CACHE_CONFIG) ?? []),
    missing,
  };
}

function kvCapacity(info: readonly PromSample[]): number | null {
  let total = 0;
  for (const sample of info) {
    const blocks = Number(sample.labels.num_gpu_blocks);
    const size = Number(sample.labels.block_size);
    if (!Number.isFinite(blocks) || !Number.isFinite(size)) return null;
    total += blocks * size;
  }
  return info.length > 0 ? total : null;
}
