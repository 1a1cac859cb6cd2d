import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { evalEnv, isAlive, readRunRecords, serverPids, startVitest } from '../helpers/run-vitest.ts';
import { repoRoot, waitUntil } from '../helpers/processes.ts';

// Prompt tuning in watch mode: the server starts once, each re-run is recorded as its own run, and quitting
// leaves no server behind.
test('a watch-mode re-run reuses the server, records a second run and stops cleanly', async () => {
  const env = evalEnv({ EVAL_SIMULATE: 'gold', EVAL_LIMIT: '5' });
  const watch = startVitest(['--watch', '--project', 'qwen3_8b', 'gsm8k'], env);
  try {
    expect(await waitUntil(() => readRunRecords(env.EVAL_RESULTS_DIR!).length === 1, 60_000, 250)).toBe(true);
    const now = new Date();
    utimesSync(join(repoRoot, 'src/evals/gsm8k/gsm8k.eval.ts'), now, now);
    expect(await waitUntil(() => readRunRecords(env.EVAL_RESULTS_DIR!).length === 2, 60_000, 250)).toBe(true);
    const [first, second] = readRunRecords(env.EVAL_RESULTS_DIR!);
    expect(second!.runId).toBe(`${first!.runId}-r2`);
    expect(second!.server.baseUrls).toEqual(first!.server.baseUrls);
    expect(second!.datasets['gsm8k/0shot']!.metrics.strict!.value).toBe(1);
    expect(readFileSync(join(env.EVAL_RESULTS_DIR!, 'TRACKER-full.md'), 'utf8')).toContain(`Latest run \`${second!.runId}\``);
  } finally {
    const pids = serverPids(env.EVAL_RESULTS_DIR!);
    process.kill(-watch.pid!, 'SIGINT');
    await watch;
    expect(await waitUntil(() => pids.every((pid) => !isAlive(pid)), 30_000)).toBe(true);
  }
});
