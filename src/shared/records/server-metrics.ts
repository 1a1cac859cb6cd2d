import { z } from 'zod';

// The `serverMetrics` part of a run record: what the servers' own /metrics (vLLM v0.21 names,
// shared/vllm/metrics.tsv) and nvidia-smi said while the run ran, sampled at a fixed interval.

/** One replica's /metrics over the run's active window; null where a series was missing or never moved. */
export const ReplicaMetricsSchema = z.object({
  url: z.string(),
  samples: z.number().int().nonnegative(),
  scrapeErrors: z.number().int().nonnegative(),
  /** From the last idle sample before work started to the first sample after it ended. @unit milliseconds */
  activeMs: z.number().nonnegative(),
  /** Δ `vllm:generation_tokens_total` / active window. */
  generationTokensPerSec: z.number().nullable(),
  /** Δ `vllm:prompt_tokens_total` / active window. */
  promptTokensPerSec: z.number().nullable(),
  /** `vllm:num_requests_running` over the active window's samples. */
  meanRunning: z.number().nullable(),
  maxRunning: z.number().nullable(),
  meanWaiting: z.number().nullable(),
  maxWaiting: z.number().nullable(),
  /** `vllm:kv_cache_usage_perc`, 0..1. */
  peakKvCacheUsage: z.number().nullable(),
  meanKvCacheUsage: z.number().nullable(),
  /** Δ hits / Δ queries of `vllm:prefix_cache_*_total` (tokens); null when nothing was looked up (caching off). */
  prefixCacheHitRate: z.number().nullable(),
  /** Δ `vllm:num_preemptions_total`. */
  preemptions: z.number().nullable(),
  /** Δ `vllm:generation_tokens_total`. */
  generationTokens: z.number().nullable(),
  /** KV-cache capacity in tokens (`num_gpu_blocks` x `block_size` of `vllm:cache_config_info`). */
  kvCacheTokens: z.number().nullable(),
  /** Series this harness reads that the server did not expose. */
  missing: z.array(z.string()),
});
export type ReplicaMetrics = z.infer<typeof ReplicaMetricsSchema>;

/** One GPU as nvidia-smi reported it. */
export const GpuUsageSchema = z.object({
  index: z.number().int().nonnegative(),
  name: z.string(),
  samples: z.number().int().positive(),
  meanUtilizationPct: z.number(),
  peakUtilizationPct: z.number(),
  peakMemoryUsedMiB: z.number(),
  memoryTotalMiB: z.number().nullable(),
});
export type GpuUsage = z.infer<typeof GpuUsageSchema>;

/** GPU usage per GPU, or why it is unavailable (never estimated). */
export const GpuReportSchema = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true), gpus: z.array(GpuUsageSchema) }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export type GpuReport = z.infer<typeof GpuReportSchema>;

/** Server metrics of a run. */
export const ServerMetricsSchema = z.object({
  intervalMs: z.number().int().positive(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** The preset's `--max-num-seqs` per replica, to read `meanRunning` against. */
  slotsPerReplica: z.number().int().positive(),
  replicas: z.array(ReplicaMetricsSchema),
  /** Sums over replicas (rates, running) and the worst replica (KV peak); hit rate over all lookups. */
  total: z.object({
    generationTokensPerSec: z.number().nullable(),
    meanRunning: z.number().nullable(),
    peakKvCacheUsage: z.number().nullable(),
    prefixCacheHitRate: z.number().nullable(),
    preemptions: z.number().nullable(),
  }),
  gpu: GpuReportSchema,
});
export type ServerMetrics = z.infer<typeof ServerMetricsSchema>;
