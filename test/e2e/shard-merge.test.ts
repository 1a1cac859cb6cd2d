import { join } from 'node:path';
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { repoRoot } from '../helpers/processes.ts';
import { evalEnv, readRunRecords, startVitest } from '../helpers/run-vitest.ts';

// Issue 12: one evaluation spread over hosts with Vitest's own `--shard i/n`, each shard against its own server, and
// the shards' run records merged with `qwen-evals merge` into the run one host would have made, case for case.
const ARGS = ['--project', 'qwen3_8b', 'gsm8k'];

test('two shards of a GSM8K run, merged, equal the unsharded run case for case', async () => {
  const base = { EVAL_SIMULATE: 'mix:0.5', EVAL_LIMIT: '12' };
  const [whole, one, two] = [evalEnv(base), evalEnv(base), evalEnv(base)];
  const runs = await Promise.all([
    startVitest(ARGS, whole),
    startVitest([...ARGS, '--shard', '1/2'], one),
    startVitest([...ARGS, '--shard', '2/2'], two),
  ]);
  // Half the answers are wrong: the whole run misses the 0.85 threshold; a shard's gates are advisory (its share only).
  expect(runs[0]!.exitCode, runs[0]!.all).toBe(1);
  expect(runs[0]!.all).toMatch(/^\[qwen-evals\] GATE FAILED qwen3_8b/m);
  for (const run of runs.slice(1)) {
    expect(run.exitCode, run.all).toBe(0);
    expect(run.all).toMatch(/^\[qwen-evals\] qwen3_8b .*, shard \d\/2: complete/m);
  }
  const advisory = /shard \d\/2: complete; 1 gate\(s\) missed on this shard's share/;
  expect(runs.slice(1).filter((run) => advisory.test(run.all))).not.toHaveLength(0);
  const [unsharded] = readRunRecords(whole.EVAL_RESULTS_DIR!);
  const shards = [one, two].map((env) => readRunRecords(env.EVAL_RESULTS_DIR!)[0]!);
  // Each shard asked its own half of the cases.
  expect(shards.map((s) => s.shard)).toEqual([
    { index: 1, count: 2 },
    { index: 2, count: 2 },
  ]);
  expect(shards.map((s) => Object.keys(s.datasets['gsm8k/0shot']!.cases).length)).toEqual([6, 6]);
  expect([unsharded!, ...shards].map((r) => r.datasets['gsm8k/0shot']!.counts.error)).toEqual([0, 0, 0]);

  const out = evalEnv().EVAL_RESULTS_DIR!;
  const files = shards.map((s, i) => join([one, two][i]!.EVAL_RESULTS_DIR!, 'runs', `${s.runId}.json`));
  const merge = await execa(process.execPath, [join(repoRoot, 'bin/qwen-evals.mjs'), 'merge', ...files.reverse(), '--results', out], {
    reject: false,
    all: true,
    cwd: repoRoot,
  });
  expect(merge.exitCode, merge.all).toBe(1);
  expect(merge.all).toContain('[qwen-evals] merged 2 shards of qwen3_8b');
  expect(merge.all).toMatch(/^\[qwen-evals\] GATE FAILED qwen3_8b/m);
  const [merged] = readRunRecords(out);
  const [a, b] = [merged!.datasets['gsm8k/0shot']!, unsharded!.datasets['gsm8k/0shot']!];
  expect(a.cases).toEqual(b.cases);
  expect(a.metrics).toEqual(b.metrics);
  expect(a.counts).toEqual(b.counts);
  expect(merged!.mergedFrom).toEqual(shards.map((s) => s.runId));
  expect(merged!.shard).toBeNull();
  // The threshold gate is judged again over all the cases.
  expect(merged!.gates.find((g) => g.kind === 'threshold')).toMatchObject({
    passed: false,
    score: a.metrics.strict!.value,
    threshold: 0.85,
  });
});
