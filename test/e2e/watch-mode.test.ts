import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { formatP } from '../../src/shared/stats/format.ts';
import { copyProject, evalEnv, isAlive, readRunRecords, serverPids, serverRequestCount, startVitest } from '../helpers/run-vitest.ts';
import { waitUntil } from '../helpers/processes.ts';

// Prompt tuning in watch mode, in a copy of the project whose GSM8K prompt the test edits: the server starts once,
// only the edited suite re-runs, each re-run is recorded as its own run paired with the previous one (flipped cases,
// exact McNemar p), unchanged prompts are answered from the response cache, and quitting leaves no server behind.
const LIMIT = 3;
const INSTRUCTION = 'Please reason step by step, and put your final answer within';

test('a prompt edit in watch mode re-runs only its suite, prints the flipped cases, and its revert comes from the cache', async () => {
  const project = copyProject();
  const promptFile = join(project, 'src/evals/gsm8k/prompt.ts');
  const original = readFileSync(promptFile, 'utf8');
  const env = evalEnv({ EVAL_SIMULATE: 'gold', EVAL_LIMIT: String(LIMIT) });
  const results = env.EVAL_RESULTS_DIR!;
  const watch = startVitest(['--watch', '--project', 'qwen3_8b', 'gsm8k', 'arc-challenge'], env, project);
  const runs = (n: number) => waitUntil(() => readRunRecords(results).length === n, 60_000, 250);
  // The console as it comes: the third run's summary is printed after its record and tracker are written.
  let printed = '';
  watch.all?.on('data', (part: Buffer) => (printed += part.toString('utf8')));
  try {
    expect(await runs(1)).toBe(true);
    const server = readRunRecords(results)[0]!.server.baseUrls[0]!;
    const askedBefore = await serverRequestCount(server);

    // The simulated vLLM is scripted for the original prompt: the edited one gets unparseable answers.
    writeFileSync(promptFile, original.replace(INSTRUCTION, 'Think it through, then put your final answer within'));
    expect(await runs(2)).toBe(true);
    const askedAfterEdit = await serverRequestCount(server);
    writeFileSync(promptFile, original);
    expect(await runs(3)).toBe(true);
    const askedAfterRevert = await serverRequestCount(server);

    const [first, edited, reverted] = readRunRecords(results);
    expect(Object.keys(first!.datasets)).toEqual(expect.arrayContaining(['gsm8k/0shot', 'arc_challenge/chat']));
    expect(edited!.runId).toBe(`${first!.runId}-r2`);
    expect(Object.keys(edited!.datasets)).toEqual(['gsm8k/0shot']);
    expect(edited!.server.baseUrls).toEqual(first!.server.baseUrls);
    expect(askedAfterEdit - askedBefore).toBe(LIMIT);
    const broken = edited!.comparison!.datasets['gsm8k/0shot']!;
    expect(broken).toMatchObject({ previousRunId: first!.runId, causes: ['prompt'], fixed: [], broken: ['0', '1', '2'] });
    expect(edited!.comparison!.trigger).toBe('src/evals/gsm8k/prompt.ts');

    // The reverted prompt's answers are all in the cache: the server is not asked again.
    expect(askedAfterRevert).toBe(askedAfterEdit);
    expect(reverted!.performance).toMatchObject({ cacheHits: LIMIT, requests: 0 });
    expect(reverted!.datasets['gsm8k/0shot']!.metrics.strict!.value).toBe(1);
    expect(reverted!.comparison!.datasets['gsm8k/0shot']).toMatchObject({ previousRunId: edited!.runId, fixed: ['0', '1', '2'] });
    // The tracker is rewritten right after the run record.
    const tracked = () => readFileSync(join(results, 'TRACKER-full.md'), 'utf8').includes(`Latest run \`${reverted!.runId}\``);
    expect(await waitUntil(tracked, 30_000, 250)).toBe(true);
    expect(await waitUntil(() => printed.includes('fixed (3): 0, 1, 2'), 30_000, 250)).toBe(true);

    const pids = serverPids(results);
    process.kill(-watch.pid!, 'SIGINT');
    const { all } = await watch;
    expect(all).toContain(`${formatP(broken.p)} (exact McNemar, ${LIMIT} paired)`);
    expect(all).toContain('broken (3): 0, 1, 2');
    expect(all).toContain('fixed (3): 0, 1, 2');
    expect(all).toContain(`response cache: ${LIMIT} answer(s) served from the cache, 0 asked of the server`);
    expect(await waitUntil(() => pids.every((pid) => !isAlive(pid)), 30_000)).toBe(true);
  } finally {
    // A failed expectation above leaves the watcher running: stop its whole process group.
    if (watch.exitCode === null) {
      process.kill(-watch.pid!, 'SIGKILL');
      await watch;
    }
  }
});
