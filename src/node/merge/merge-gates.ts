import { compareWithBaseline } from '../../shared/gates/compare.ts';
import { baselineGate, noBaselineGate, thresholdGates, type BaselineGateOptions } from '../../shared/gates/evaluate.ts';
import type { GateResult, RunRecord } from '../../shared/records/run-record.ts';

// Gates of a merged run: thresholds judged again over all the cases (each shard judged only its share); baseline
// comparisons redone over all the cases when the baseline the shards named is at hand, else the shards' own verdicts
// carried over, each saying which shard it judged. A run record does not keep the config's minEffect and alpha: the
// caller passes them from the eval config (harness defaults without one).

/** The merged run's gates from its shards' gates, with the baseline run record when it was found. */
export function mergeGates(
  merged: Omit<RunRecord, 'gates'>,
  shards: readonly RunRecord[],
  baseline: RunRecord | null,
  options: BaselineGateOptions = {},
): GateResult[] {
  const gates: GateResult[] = [];
  const thresholds = new Map<string, Record<string, number>>();
  for (const gate of shards.flatMap((s) => s.gates)) {
    if (gate.kind !== 'threshold' || gate.threshold === null) continue;
    thresholds.set(gate.dataset, { ...thresholds.get(gate.dataset), [gate.metric]: gate.threshold });
  }
  for (const [key, metrics] of thresholds) {
    const dataset = merged.datasets[key];
    if (dataset) gates.push(...thresholdGates(key, dataset, metrics));
  }
  if (baseline) {
    const comparison = compareWithBaseline({ ...merged, gates: [] }, baseline);
    return [...gates, ...comparison.metrics.map((m) => baselineGate(m, baseline.runId, options))];
  }
  const seen = new Set<string>();
  for (const shard of shards) {
    for (const gate of shard.gates) {
      if (gate.kind !== 'baseline') continue;
      if (gate.note === 'no-baseline') {
        const id = `${gate.dataset}\0${gate.metric}`;
        // The shard's reason names that shard's results folder; the merged run had none either.
        const reason = `no shard had a baseline (shard ${shard.shard!.index}/${shard.shard!.count}: ${gate.message.replace(/^.*?: .*?: /, '')})`;
        if (!seen.has(id)) gates.push(noBaselineGate(gate.dataset, gate.metric, reason));
        seen.add(id);
        continue;
      }
      gates.push({ ...gate, message: `shard ${shard.shard!.index}/${shard.shard!.count} (its own cases only): ${gate.message}` });
    }
  }
  return gates;
}

/** The baseline run id the shards compared with, if any. */
export function baselineRunIdOf(shards: readonly RunRecord[]): string | null {
  return shards.flatMap((s) => s.gates).find((g) => g.kind === 'baseline' && g.baselineRunId)?.baselineRunId ?? null;
}
