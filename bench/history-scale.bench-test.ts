import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { listRunSummaries } from '../src/node/history/store.ts';
import type { RunRecord } from '../src/shared/records/run-record.ts';
import { evalEnv } from '../test/helpers/run-vitest.ts';
import { repoRoot } from '../test/helpers/processes.ts';
import { medianOf } from '../src/shared/stats/spread.ts';

// Benchmark: what a long run history costs a small run. A 5-case GSM8K run (simulated, gold) on an empty results
// folder, then on one holding BENCH_HISTORY_RUNS run records of BENCH_HISTORY_CASES cases each (clones of a real
// record of this harness, inflated; all baseline candidates of the run): the first run on the big history builds the
// history index, the next ones read summaries only. Wall time and peak RSS of the Vitest process tree's largest
// process (GNU time), median of BENCH_HISTORY_ROUNDS runs each.

const RUNS = Number(process.env.BENCH_HISTORY_RUNS ?? 1000);
const CASES = Number(process.env.BENCH_HISTORY_CASES ?? 2044);
const ROUNDS = Number(process.env.BENCH_HISTORY_ROUNDS ?? 3);
const ARGS = ['run', '--project', 'qwen3_8b', 'gsm8k'];

interface Timed {
  wallMs: number;
  maxRssMiB: number;
}

// One 5-case run as a user starts it; GNU time reports the largest resident set of the process tree.
function timedRun(resultsDir: string): Timed {
  const env = evalEnv({ EVAL_SIMULATE: 'gold', EVAL_PRESET: 'balanced', EVAL_LIMIT: '5', EVAL_RESULTS_DIR: resultsDir });
  const timeFile = join(tmpdir(), `history-bench-${process.pid}.time`);
  const started = performance.now();
  execFileSync('/usr/bin/time', ['-o', timeFile, '-f', '%M', process.execPath, 'node_modules/vitest/vitest.mjs', ...ARGS], {
    cwd: repoRoot,
    env: { ...(env as NodeJS.ProcessEnv), GITHUB_REF_NAME: 'main' },
    stdio: 'ignore',
  });
  const wallMs = performance.now() - started;
  return { wallMs, maxRssMiB: Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)) / 1024 };
}

// A record of this harness with its GSM8K cases inflated to `cases` (ids 0..cases-1, so every clone covers the run).
function inflate(record: RunRecord, cases: number): RunRecord {
  const [key, dataset] = Object.entries(record.datasets)[0]!;
  const [sampleId, sample] = Object.entries(dataset.cases)[0]!;
  const prefix = sampleId.replace(/\d+$/, '');
  const inflated: RunRecord['datasets'][string]['cases'] = {};
  for (let i = 0; i < cases; i++) inflated[`${prefix}${i}`] = sample;
  return { ...record, datasets: { [key]: { ...dataset, cases: inflated } } };
}

test(`a 5-case run costs little more with ${RUNS} run records of ${CASES} cases in its results folder`, {
  timeout: 3_600_000,
}, async () => {
  const empty = mkdtempSync(join(tmpdir(), 'history-bench-empty-'));
  const big = mkdtempSync(join(tmpdir(), 'history-bench-big-'));
  try {
    // A real record from this harness as the template.
    timedRun(empty);
    const templateFile = readdirSync(join(empty, 'runs')).find((name) => name.endsWith('.json') && !name.startsWith('.'))!;
    const template = inflate(JSON.parse(readFileSync(join(empty, 'runs', templateFile), 'utf8')) as RunRecord, CASES);
    const text = JSON.stringify(template, null, 2);
    mkdirSync(join(big, 'runs'), { recursive: true });
    // Newer than the bench's own runs, so each run's baseline is a full-size clone (read whole by the gate).
    const base = Date.now() + 3_600_000;
    const writeStarted = performance.now();
    for (let i = 0; i < RUNS; i++) {
      const startedAt = new Date(base + i * 60_000).toISOString();
      const runId = `${startedAt.replace(/[:.]/g, '-')}_bench_${String(i).padStart(5, '0')}`;
      const clone = text
        .replace(`"runId": "${template.runId}"`, `"runId": "${runId}"`)
        .replace(`"startedAt": "${template.startedAt}"`, `"startedAt": "${startedAt}"`);
      writeFileSync(join(big, 'runs', `${runId}.json`), clone);
    }
    const writeMs = performance.now() - writeStarted;
    const bytes = Buffer.byteLength(text) * RUNS;

    const cold = timedRun(big); // builds the index
    const emptyRuns: Timed[] = [];
    const bigRuns: Timed[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      emptyRuns.push(timedRun(empty));
      bigRuns.push(timedRun(big));
    }
    const listStarted = performance.now();
    const listed = await listRunSummaries(big);
    const listMs = performance.now() - listStarted;

    const result = {
      simulated: true,
      runs: RUNS,
      casesPerRecord: CASES,
      recordBytes: Buffer.byteLength(text),
      historyMiB: bytes / 2 ** 20,
      writeHistoryMs: writeMs,
      coldRun: cold,
      emptyMedian: { wallMs: medianOf(emptyRuns.map((r) => r.wallMs)), maxRssMiB: medianOf(emptyRuns.map((r) => r.maxRssMiB)) },
      bigMedian: { wallMs: medianOf(bigRuns.map((r) => r.wallMs)), maxRssMiB: medianOf(bigRuns.map((r) => r.maxRssMiB)) },
      rounds: { empty: emptyRuns, big: bigRuns },
      listRunSummariesWarmMs: listMs,
      load: readFileSync('/proc/loadavg', 'utf8').trim(),
    };
    mkdirSync(join(repoRoot, 'results', 'bench'), { recursive: true });
    writeFileSync(join(repoRoot, 'results', 'bench', 'history-scale.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    expect(listed.runs.length).toBe(RUNS + ROUNDS + 1);
    expect(listed.index.read).toBe(0);
  } finally {
    rmSync(empty, { recursive: true, force: true });
    rmSync(big, { recursive: true, force: true });
  }
});
