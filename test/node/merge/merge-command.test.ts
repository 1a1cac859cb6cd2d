import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { MERGE_USAGE, runMergeCommand } from '../../../src/node/merge/merge-command.ts';
import { writeRunRecord } from '../../../src/node/history/store.ts';
import { shardPositions } from '../../../src/runtime/shard.ts';
import type { GateResult, RunRecord } from '../../../src/shared/records/run-record.ts';
import { binaryScores, makeDataset, makeRun } from '../tracker/fixtures.ts';

// `qwen-evals merge` as the CI merge job runs it: shard results folders downloaded side by side, the baseline folder
// the shards had as EVAL_BASELINE, a fresh results folder.
const N = 40;

function shardRecord(index: number, scores: number[], baseline: RunRecord): RunRecord {
  const share = Object.fromEntries(shardPositions(N, { index, count: 2 }).map((i) => [String(i), scores[i]!]));
  const gate: GateResult = {
    kind: 'baseline',
    dataset: 'gsm8k/0shot',
    metric: 'strict',
    passed: true,
    score: 0,
    threshold: -0.02,
    ci: null,
    baselineRunId: baseline.runId,
    message: "this shard's share only",
  };
  return makeRun({
    shard: { index, count: 2 },
    datasets: [makeDataset({ scores: share })],
    gates: [gate],
  });
}

// A baseline run in <root>/baseline, all cases right, and the two shards of a run with these scores in <root>/shard-<i>.
async function writeShards(scores: number[]) {
  const root = mkdtempSync(join(tmpdir(), 'merge-command-'));
  const baseline = makeRun({ datasets: [makeDataset({ scores: binaryScores(N, N) })] });
  await writeRunRecord(join(root, 'baseline'), baseline);
  const files = await Promise.all(
    [1, 2].map((index) => writeRunRecord(join(root, `shard-${index}`), shardRecord(index, scores, baseline))),
  );
  return { root, baseline, files };
}

// Ten flips from right to wrong: significant over all cases, though each shard alone has five (p = 0.06).
const REGRESSED = Array.from({ length: N }, (_, i) => (i % 4 === 0 ? 0 : 1));

async function runMerge(args: string[], cwd: string, config: unknown = undefined) {
  const lines: string[] = [];
  const importModule = async () => ({ default: config });
  const code = await runMergeCommand(args, { log: (line) => lines.push(line), importModule, cwd, env: {} });
  return { code, output: lines.join('\n') };
}

test('--help prints the usage and exits 0', async () => {
  const { code, output } = await runMerge(['--help'], tmpdir());
  expect(code).toBe(0);
  expect(output).toBe(MERGE_USAGE);
});

test('compares the merged run over all cases with the baseline the shards named, found in the --baseline folder', async () => {
  const { root, baseline, files } = await writeShards(REGRESSED);
  const { code, output } = await runMerge([...files, '--results', 'results', '--baseline', 'baseline'], root);
  expect(output).toContain(`compared with baseline ${baseline.runId} over all cases`);
  expect(code).toBe(1);
  const merged = JSON.parse(
    readFileSync(join(root, 'results', 'runs', `${output.match(/into run (\S+?),/)![1]}.json`), 'utf8'),
  ) as RunRecord;
  const gate = merged.gates.find((g) => g.kind === 'baseline')!;
  expect(gate).toMatchObject({ passed: false, baselineRunId: baseline.runId, score: -0.25 });
});

test("judges the baseline with the eval config's minEffect", async () => {
  const { root, files } = await writeShards(REGRESSED);
  const config = { models: { qwen2_5_7b: { id: 'Qwen/Qwen2.5-7B-Instruct' } }, gates: { minEffect: 0.3 } };
  const { code, output } = await runMerge([...files, '--results', 'results', '--baseline', 'baseline', '--config', 'c.ts'], root, config);
  expect(code, output).toBe(0);
  expect(output).toMatch(/PASS\s+baseline/);
});

test('refuses a --baseline folder without the run the shards compared with, naming it', async () => {
  const { root, baseline, files } = await writeShards(binaryScores(N, N));
  const { code, output } = await runMerge([...files, '--results', 'results', '--baseline', join(root, 'shard-1')], root);
  expect(code).toBe(1);
  expect(output).toContain(`cannot merge: The shards compared with run ${baseline.runId}, but ${join(root, 'shard-1', 'runs')} has no`);
});
