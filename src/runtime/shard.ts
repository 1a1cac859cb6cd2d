import type { Shard } from '../shared/context.ts';
import type { GateResult } from '../shared/records/run-record.ts';

// Sharding within a dataset: with Vitest's `--shard i/n`, every eval file runs on every shard (see
// src/node/plugin/shard-sequencer.ts) and each shard asks every n-th case, starting at its i-th, of the cases the run
// selected (after EVAL_LIMIT). Round robin keeps the shards' sizes within one case of each other, per dataset.

// Positions (0-based) of the selected cases this shard asks; all of them without a shard.
export function shardPositions(selected: number, shard: Shard | null): number[] {
  const positions = Array.from({ length: selected }, (_, i) => i);
  return shard === null ? positions : positions.filter((i) => i % shard.count === shard.index - 1);
}

// The gate test's note on a shard whose share missed a gate: the shard does not fail for it (a share of the cases
// misses a threshold the whole run meets by chance alone); the merged run is gated.
export function describeShardGates(shard: Shard, failed: readonly GateResult[]): string {
  const gates = failed.map((gate) => gate.message).join('; ');
  return `shard ${shard.index}/${shard.count} missed ${failed.length} gate(s) on its share of the cases (${gates}); advisory: \`qwen-evals merge\` judges the gates over all cases`;
}
