import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runMergeCommand } from '../../../src/node/merge/merge-command.ts';
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

async function runMerge(args: string[], cwd: string) {
  const lines: string[] = [];
  const code = await runMergeCommand(args, { log: (line) => lines.push(line), importModule: async () => ({}), cwd, env: {} });
  return { code, output: lines.join('\n') };
}

test('compares the merged run over all cases with the baseline the shards named, found in the --baseline folder', async () => {
  const root = mkdtempSync(join(tmpdir(), 'merge-command-'));
  const baseline = makeRun({ datasets: [makeDataset({ scores: binaryScores(N, N) })] });
  await writeRunRecord(join(root, 'baseline'), baseline);
  // Ten flips from right to wrong: significant over all cases, though each shard alone has five (p = 0.06).
  const scores = Array.from({ length: N }, (_, i) => (i % 4 === 0 ? 0 : 1));
  const files = await Promise.all(
    [1, 2].map((index) => writeRunRecord(join(root, `shard-${index}`), shardRecord(index, scores, baseline))),
  );
  const { code, output } = await runMerge([...files, '--results', 'results', '--baseline', 'baseline'], root);
  expect(output).toContain(`compared with baseline ${baseline.runId} over all cases`);
  expect(code).toBe(1);
  const merged = JSON.parse(
    readFileSync(join(root, 'results', 'runs', `${output.match(/into run (\S+?),/)![1]}.json`), 'utf8'),
  ) as RunRecord;
  const gate = merged.gates.find((g) => g.kind === 'baseline')!;
  expect(gate).toMatchObject({ passed: false, baselineRunId: baseline.runId, score: -0.25 });
});

test('refuses a --baseline folder without the run the shards compared with, naming it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'merge-command-'));
  const baseline = makeRun({ datasets: [makeDataset({ scores: binaryScores(N, N) })] });
  const files = await Promise.all(
    [1, 2].map((index) => writeRunRecord(join(root, `shard-${index}`), shardRecord(index, binaryScores(N, N), baseline))),
  );
  const { code, output } = await runMerge([...files, '--results', 'results', '--baseline', root], root);
  expect(code).toBe(1);
  expect(output).toContain(`cannot merge: The shards compared with run ${baseline.runId}, but ${join(root, 'runs')} has no`);
});
