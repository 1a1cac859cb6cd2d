import { compareCaseIds } from '../../shared/gates/compare.ts';
import { RecordError } from '../../shared/errors.ts';
import { compareFingerprints, computeFingerprint, describeDifferences, fingerprintPartsOf } from '../../shared/history/fingerprint.ts';
import type { CaseRecord } from '../../shared/records/case-record.ts';
import type { DatasetCounts, DatasetQuality, DatasetResult, Performance, RunCase, RunRecord } from '../../shared/records/run-record.ts';
import { summarizeMetric } from '../../shared/stats/summarize.ts';
import { percentiles } from '../report/percentiles.ts';
import { mergeServerMetrics } from './merge-server-metrics.ts';

// Join the run records of the shards of one run (`vitest run --shard i/n` on n hosts) into one run record, equal to
// the run made on one host case for case: per-case results are united, metrics, intervals and counts recomputed from
// them, performance summed (the shards ran at the same time on their own servers). Gates are the caller's.

/** A shard's run record with its case records when its cases file was found (for latency percentiles). */
export interface ShardInput {
  record: RunRecord;
  source: string;
  cases: CaseRecord[] | null;
}

/** Fields every shard must agree on; a difference means the records are not shards of one run. */
const SAME_FIELDS = ['project', 'preset', 'simulation', 'harnessVersion'] as const;

/**
 * Merge the shards into one record (gates left empty). Throws RecordError naming the file when the records are not
 * the complete set of shards of one run: a shard missing or given twice, another model, preset or simulation mode, a
 * score-changing fingerprint difference, a dataset whose prompt or data differ, a case answered twice differently.
 */
export function mergeShardRecords(shards: readonly ShardInput[], runId: string): Omit<RunRecord, 'gates'> {
  checkShardSet(shards);
  const first = shards[0]!.record;
  const datasets: Record<string, DatasetResult> = {};
  const keys = [...new Set(shards.flatMap((s) => Object.keys(s.record.datasets)))].sort();
  for (const key of keys) datasets[key] = mergeDataset(key, shards);
  const ordered = [...shards].sort((a, b) => a.record.startedAt.localeCompare(b.record.startedAt));
  const finished = shards.map((s) => s.record.finishedAt).sort();
  const draft: Omit<RunRecord, 'gates' | 'fingerprint' | 'fingerprintHash'> = {
    schemaVersion: first.schemaVersion,
    runId,
    status: worstStatus(shards.map((s) => s.record.status)),
    incomplete: mergeIncomplete(shards),
    startedAt: ordered[0]!.record.startedAt,
    finishedAt: finished.at(-1)!,
    simulation: first.simulation,
    project: first.project,
    model: first.model,
    preset: first.preset,
    shard: null,
    mergedFrom: [...shards].sort((a, b) => a.record.shard!.index - b.record.shard!.index).map((s) => s.record.runId),
    server: { ...first.server, baseUrls: [...new Set(shards.flatMap((s) => s.record.server.baseUrls))] },
    sampling: first.sampling,
    harnessVersion: first.harnessVersion,
    git: first.git,
    datasets,
    performance: mergePerformance(shards),
    // A serving benchmark measures one server: each shard's stays in its own run record.
    benchmarks: null,
    serverMetrics: mergeServerMetrics(shards.map((s) => s.record)),
    // Shards of one run asked a server: none is a replay, and a watch re-run is never sharded.
    replayOf: null,
    comparison: null,
  };
  const { fingerprint, hash } = computeFingerprint(fingerprintPartsOf(draft));
  return { ...draft, fingerprint, fingerprintHash: hash };
}

function checkShardSet(shards: readonly ShardInput[]): void {
  if (shards.length === 0)
    throw new RecordError('Nothing to merge: give the run records of every shard (`results/runs/<runId>.json` of each host).');
  const first = shards[0]!;
  for (const shard of shards) {
    if (!shard.record.shard)
      throw new RecordError(
        `${shard.source} is not a shard (run ${shard.record.runId} ran without --shard); give only the shards' run records.`,
      );
    for (const field of SAME_FIELDS) {
      if (shard.record[field] !== first.record[field])
        throw new RecordError(
          `${shard.source} has ${field} ${JSON.stringify(shard.record[field])}, expected ${JSON.stringify(first.record[field])} as in ${first.source}; shards of one run share it.`,
        );
    }
    const comparison = compareFingerprints(first.record.fingerprint, shard.record.fingerprint);
    const scoreChanging = comparison.differences.filter((d) => d.changesScores);
    if (scoreChanging.length)
      throw new RecordError(
        `${shard.source} cannot be merged with ${first.source}: their fingerprints differ in ${describeDifferences(scoreChanging)}; shards must run the same model, sampling, prompts and data.`,
      );
  }
  const count = first.record.shard!.count;
  const seen = new Map<number, string>();
  for (const shard of shards) {
    const { index, count: own } = shard.record.shard!;
    if (own !== count) throw new RecordError(`${shard.source} is shard ${index}/${own}, expected a shard of ${count} as ${first.source}.`);
    const other = seen.get(index);
    if (other) throw new RecordError(`Shard ${index}/${count} is given twice: ${other} and ${shard.source}; give each shard once.`);
    seen.set(index, shard.source);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length)
    throw new RecordError(
      `Shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing; give the run records of all ${count} shards.`,
    );
}

function mergeDataset(key: string, shards: readonly ShardInput[]): DatasetResult {
  const parts = shards.flatMap((s) => (s.record.datasets[key] ? [{ source: s.source, result: s.record.datasets[key]! }] : []));
  const base = parts[0]!;
  const cases = new Map<string, RunCase>();
  for (const { source, result } of parts) {
    if (result.promptHash !== base.result.promptHash || !samePins(result, base.result))
      throw new RecordError(
        `${key} in ${source} has another prompt template or dataset files than in ${base.source}; it cannot be merged.`,
      );
    for (const [id, entry] of Object.entries(result.cases)) {
      const earlier = cases.get(id);
      if (earlier && JSON.stringify(earlier) !== JSON.stringify(entry))
        throw new RecordError(`${key} case ${id} was answered by two shards with different results (${source}); shards must not overlap.`);
      cases.set(id, entry);
    }
  }
  const ids = [...cases.keys()].sort(compareCaseIds);
  const ordered: Record<string, RunCase> = Object.fromEntries(ids.map((id) => [id, cases.get(id)!]));
  const scored = ids.map((id) => cases.get(id)!).filter((c) => c.verdict !== 'error');
  const metrics: DatasetResult['metrics'] = {};
  for (const spec of base.result.metricSpecs)
    metrics[spec.name] = summarizeMetric(
      spec,
      scored.map((c) => c.scores[spec.name] ?? null),
    );
  return {
    ...base.result,
    metrics,
    counts: countVerdicts(ordered),
    quality: sumQuality(parts.map((p) => p.result.quality)),
    cases: ordered,
  };
}

function samePins(a: DatasetResult, b: DatasetResult): boolean {
  const hashes = (r: DatasetResult) =>
    r.pins
      .map((p) => p.sha256)
      .sort()
      .join(',');
  return hashes(a) === hashes(b);
}

function countVerdicts(cases: Record<string, RunCase>): DatasetCounts {
  const counts: DatasetCounts = { cases: 0, correct: 0, wrong: 0, unparseable: 0, graded: 0, error: 0 };
  for (const c of Object.values(cases)) {
    counts.cases += 1;
    if (c.verdict === 'parser_failed') counts.parserFailed = (counts.parserFailed ?? 0) + 1;
    else counts[c.verdict] += 1;
  }
  return counts;
}

function sumQuality(parts: readonly DatasetQuality[]): DatasetQuality {
  const total: DatasetQuality = { truncated: 0, overLength: 0, capped: 0, retries: 0, contextLength: 0, usageMissing: 0 };
  for (const q of parts) for (const key of Object.keys(total) as Array<keyof DatasetQuality>) total[key] += q[key];
  return total;
}

// The shards ran at the same time on their own servers: rates add up, the wall time is the longest shard's.
function mergePerformance(shards: readonly ShardInput[]): Performance {
  const perf = shards.map((s) => s.record.performance);
  const sum = (pick: (p: Performance) => number) => perf.reduce((total, p) => total + pick(p), 0);
  const sumRates = (pick: (p: Performance) => number | null) => (perf.some((p) => pick(p) === null) ? null : sum((p) => pick(p) ?? 0));
  const cases = shards.every((s) => s.cases !== null) ? shards.flatMap((s) => s.cases!).filter((c) => c.verdict !== 'error') : null;
  const ttfts = cases?.map((c) => c.timing.ttftMs).filter((t): t is number => t !== null) ?? [];
  return {
    wallMs: Math.max(...perf.map((p) => p.wallMs)),
    requests: sum((p) => p.requests),
    failedRequests: sum((p) => p.failedRequests),
    promptTokens: sum((p) => p.promptTokens),
    completionTokens: sum((p) => p.completionTokens),
    requestsPerSec: sumRates((p) => p.requestsPerSec),
    outputTokensPerSec: sumRates((p) => p.outputTokensPerSec),
    ttftMs: cases ? percentiles(ttfts) : null,
    latencyMs: cases ? percentiles(cases.map((c) => c.timing.latencyMs)) : null,
    meanInFlight: sumRates((p) => p.meanInFlight),
    inFlightLimit: sum((p) => p.inFlightLimit),
    clientCpuMs: sumRates((p) => p.clientCpuMs),
    gpuMemoryMiB: perf.some((p) => p.gpuMemoryMiB !== null) ? Math.max(...perf.map((p) => p.gpuMemoryMiB ?? 0)) : null,
    cacheHits: sum((p) => p.cacheHits),
  };
}

const STATUS_RANK: Record<RunRecord['status'], number> = { complete: 0, partial: 1, interrupted: 2 };

function worstStatus(statuses: readonly RunRecord['status'][]): RunRecord['status'] {
  return statuses.reduce((worst, s) => (STATUS_RANK[s] > STATUS_RANK[worst] ? s : worst), 'complete' as RunRecord['status']);
}

function mergeIncomplete(shards: readonly ShardInput[]): RunRecord['incomplete'] {
  const incomplete = shards.filter((s) => s.record.incomplete !== null);
  if (incomplete.length === 0) return null;
  const first = incomplete[0]!.record.incomplete!;
  const message = incomplete
    .map((s) => `shard ${s.record.shard!.index}/${s.record.shard!.count}: ${s.record.incomplete!.message}`)
    .join('; ');
  return { reason: first.reason, message };
}
