import { expect, test } from 'vitest';
import type { TestSpecification, Vitest } from 'vitest/node';
import { createShardSequencer } from '../../../src/node/plugin/shard-sequencer.ts';

// Issue 12: `--shard i/n` keeps every eval file on every shard (each shard asks its share of the cases); the files of
// other projects are split between the shards as Vitest splits them.
const ROOT = '/repo';
const spec = (project: string, file: string) =>
  ({ project: { name: project }, moduleId: `${ROOT}/${file}` }) as unknown as TestSpecification;
const files = [
  spec('qwen3_8b', 'src/evals/gsm8k/gsm8k.eval.ts'),
  spec('qwen3_8b', 'src/evals/mmlu/mmlu.eval.ts'),
  ...['a', 'b', 'c', 'd'].map((name) => spec('framework', `test/${name}.test.ts`)),
];

async function shardOf(index: number, count: number) {
  const ctx = { config: { root: ROOT, shard: { index, count } } } as unknown as Vitest;
  const Sequencer = createShardSequencer(new Set(['qwen3_8b']));
  return (await new Sequencer(ctx).shard(files)).map((s) => `${s.project.name}:${s.moduleId.slice(ROOT.length + 1)}`);
}

test("keeps every eval file on every shard and splits the other projects' files between the shards", async () => {
  const shards = await Promise.all([shardOf(1, 2), shardOf(2, 2)]);
  for (const shard of shards) expect(shard.filter((f) => f.startsWith('qwen3_8b:'))).toHaveLength(2);
  const others = shards.map((shard) => shard.filter((f) => f.startsWith('framework:')));
  expect(others.map((o) => o.length)).toEqual([2, 2]);
  expect(new Set(others.flat()).size).toBe(4);
});
