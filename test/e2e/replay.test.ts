import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { copyProject, evalEnv, readRunRecords, startVitest } from '../helpers/run-vitest.ts';

// A scorer fix checked on the answers that exposed it: the stored run is scored again with the fixed scorer, and no
// server is launched (there is no log of one, and the run says so). The prompt was edited meanwhile too: the replay
// is recorded with the prompts its answers were asked with, not today's.
const BUGGY = "extract: /(\\d+)/ /* the first number: a bug, the question's numbers come first */";

test('a replay scores a stored run again with the fixed scorer, without a server', async () => {
  const project = copyProject();
  const scoreFile = join(project, 'src/evals/gsm8k/score.ts');
  const fixed = readFileSync(scoreFile, 'utf8');
  const buggy = fixed.replace("extract: 'boxed'", BUGGY);
  expect(buggy, 'the strict scorer extracts from \\boxed{}').not.toBe(fixed);
  writeFileSync(scoreFile, buggy);
  const env = evalEnv({ EVAL_SIMULATE: 'gold', EVAL_LIMIT: '4' });
  const results = env.EVAL_RESULTS_DIR!;
  const first = await startVitest(['--project', 'qwen3_8b', 'gsm8k'], env, project);
  const [stored] = readRunRecords(results);
  expect(stored, first.all).toBeDefined();
  const missed = Object.entries(stored!.datasets['gsm8k/0shot']!.cases)
    .filter(([, c]) => c.verdict !== 'correct')
    .map(([id]) => id);
  expect(missed.length).toBeGreaterThan(0);
  const logs = readdirSync(join(results, 'logs'));

  writeFileSync(scoreFile, fixed);
  const promptFile = join(project, 'src/evals/gsm8k/prompt.ts');
  writeFileSync(promptFile, readFileSync(promptFile, 'utf8').replace('Please reason step by step', 'Think step by step'));
  const { all } = await startVitest(
    ['--project', 'qwen3_8b', 'gsm8k'],
    { ...env, EVAL_SIMULATE: undefined, EVAL_REPLAY: stored!.runId },
    project,
  );
  const replay = readRunRecords(results).find((r) => r.runId !== stored!.runId)!;
  expect(replay.replayOf).toBe(stored!.runId);
  expect(replay.datasets['gsm8k/0shot']!.metrics.strict!.value).toBe(1);
  expect(replay.comparison).toMatchObject({
    kind: 'replay',
    datasets: { 'gsm8k/0shot': { fixed: missed, broken: [], causes: ['scorer'] } },
  });
  expect(replay.datasets['gsm8k/0shot']!.promptHash).toBe(stored!.datasets['gsm8k/0shot']!.promptHash);
  expect(readdirSync(join(results, 'logs'))).toEqual(logs);
  expect(all).toContain(`no server: scoring the recorded answers of run ${stored!.runId} again`);
  expect(all).toContain(`fixed (${missed.length}): ${missed.join(', ')}`);
  expect(readFileSync(join(results, 'TRACKER-full.md'), 'utf8')).toMatch(new RegExp(`### \`${replay.runId}\``));
});
