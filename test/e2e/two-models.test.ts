import { expect, test } from 'vitest';
import { evalEnv, readRunRecords, startVitest } from '../helpers/run-vitest.ts';
import { descendantCommands } from '../helpers/processes.ts';

// Issue 8: model projects selected in one invocation share the GPU one server at a time, in a stated order.
test('two model projects in one run never have two servers alive at once (process table sampled)', async () => {
  const env = evalEnv({ EVAL_SIMULATE: 'gold', EVAL_LIMIT: '12' });
  const run = startVitest(['--project', 'qwen3_8b', '--project', 'qwen3_14b', 'gsm8k'], env);
  const seen = new Set<string>();
  let most = 0;
  let finished = false;
  void run.finally(() => (finished = true));
  while (!finished) {
    const models = new Set(
      descendantCommands(run.pid!)
        .map((command) => command.match(/\bserve (Qwen\/\S+)/)?.[1])
        .filter((model): model is string => model !== undefined),
    );
    for (const model of models) seen.add(model);
    most = Math.max(most, models.size);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const result = await run;
  expect(result.exitCode, result.all).toBe(0);
  // Both servers were seen by the sampler, never together.
  expect([...seen].sort()).toEqual(['Qwen/Qwen2.5-14B-Instruct', 'Qwen/Qwen2.5-7B-Instruct']);
  expect(most).toBe(1);
  expect(
    readRunRecords(env.EVAL_RESULTS_DIR!)
      .map((r) => r.project)
      .sort(),
  ).toEqual(['qwen3_14b', 'qwen3_8b']);
});
