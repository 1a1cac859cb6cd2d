import type { ServerMetrics } from '../../shared/records/server-metrics.ts';
import type { RunRecord } from '../../shared/records/run-record.ts';

// Server metrics of a merged run: the shards' servers ran side by side, so rates, running requests and preemptions
// add up and the KV peak is the worst server's. The prefix-cache hit rate over all shards needs the hit and query
// counts, which a run record does not keep: null (never estimated). GPU indices are per host: not merged.

/** The shards' server metrics as one run's; null when a shard has none. */
export function mergeServerMetrics(shards: readonly RunRecord[]): ServerMetrics | null {
  const parts = shards.map((s) => s.serverMetrics);
  if (parts.some((p) => p === null) || parts.length === 0) return null;
  const all = parts as ServerMetrics[];
  if (all.length === 1) return all[0]!;
  const sum = (pick: (m: ServerMetrics) => number | null) =>
    all.some((m) => pick(m) === null) ? null : all.reduce((total, m) => total + pick(m)!, 0);
  const peaks = all.map((m) => m.total.peakKvCacheUsage).filter((v): v is number => v !== null);
  return {
    intervalMs: all[0]!.intervalMs,
    startedAt: all.map((m) => m.startedAt).sort()[0]!,
    finishedAt: all
      .map((m) => m.finishedAt)
      .sort()
      .at(-1)!,
    slotsPerReplica: all[0]!.slotsPerReplica,
    // Each host's servers listen on loopback: the shard tells them apart.
    replicas: shards.flatMap((s) =>
      s.serverMetrics!.replicas.map((r) => ({ ...r, url: `shard ${s.shard?.index ?? '?'}/${s.shard?.count ?? '?'} ${r.url}` })),
    ),
    total: {
      generationTokensPerSec: sum((m) => m.total.generationTokensPerSec),
      meanRunning: sum((m) => m.total.meanRunning),
      peakKvCacheUsage: peaks.length ? Math.max(...peaks) : null,
      prefixCacheHitRate: null,
      preemptions: sum((m) => m.total.preemptions),
    },
    gpu: { available: false, reason: `merged from ${all.length} shards on their own hosts; each shard's run record has its GPUs` },
  };
}
