// Results folders for the viewer tests: run records from the tracker's fixtures, with case records made to match.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseRecord } from '../../src/shared/records/case-record.ts';
import type { RunRecord } from '../../src/shared/records/run-record.ts';
import { makeBenchmarks } from '../node/tracker/benchmark-fixtures.ts';
import { makeDataset, makeRun } from '../node/tracker/fixtures.ts';

/** Case records matching a run record's per-case entries; prompt and response name the case so searches can find it. */
export function makeCaseRecords(run: RunRecord): CaseRecord[] {
  return Object.values(run.datasets).flatMap((dataset) =>
    Object.entries(dataset.cases).map(([caseId, entry]): CaseRecord => {
      const expected = entry.expected ?? String(Number(caseId) * 7);
      const answer = entry.verdict === 'correct' ? expected : String(Number(caseId) * 7 + 1);
      return {
        runId: run.runId,
        simulation: run.simulation,
        dataset: dataset.dataset,
        variant: dataset.variant,
        caseId,
        prompt: `user: Question ${caseId} of ${dataset.dataset}: what is 7 times ${caseId}?`,
        response: `Seven times ${caseId} is \\boxed{${answer}}.`,
        expected,
        extracted: { [dataset.primaryMetric]: entry.verdict === 'unparseable' ? null : answer },
        scores: entry.scores,
        verdict: entry.verdict,
        usage: { promptTokens: 40, completionTokens: 12 },
        timing: { requests: 1, ttftMs: 20, latencyMs: 250 },
        quality: { truncated: 0, overLength: 0, capped: 0, retries: 0 },
      };
    }),
  );
}

/** Write run records (and, unless left out, their case records) as a results folder: runs/*.json, cases/*.jsonl. */
export async function writeResultsFolder(dir: string, runs: RunRecord[], withoutCases: string[] = []): Promise<void> {
  await mkdir(path.join(dir, 'runs'), { recursive: true });
  await mkdir(path.join(dir, 'cases'), { recursive: true });
  for (const run of runs) {
    await writeFile(path.join(dir, 'runs', `${run.runId}.json`), JSON.stringify(run));
    if (withoutCases.includes(run.runId)) continue;
    const lines = makeCaseRecords(run).map((record) => JSON.stringify(record));
    await writeFile(path.join(dir, 'cases', `${run.runId}.jsonl`), `${lines.join('\n')}\n`);
  }
}

/**
 * Three GSM8K runs of 20 cases, a day apart: `base` gets 0-14 right; `edited` (a prompt edit) fixes 15 and 16 and
 * breaks 3, with server metrics; `simulated` is a simulated-vLLM run with a serving benchmark. Wrong cases of `base`: 15-19.
 */
export function threeRuns(): { base: RunRecord; edited: RunRecord; simulated: RunRecord } {
  const scores = (correct: (id: number) => boolean) => Array.from({ length: 20 }, (_, id) => (correct(id) ? 1 : 0));
  const base = makeRun({
    runId: 'run-base',
    startedAt: '2026-11-25T09:00:00.000Z',
    datasets: [makeDataset({ scores: scores((id) => id < 15) })],
  });
  const edited = makeRun({
    runId: 'run-edited',
    startedAt: '2026-11-26T09:00:00.000Z',
    datasets: [makeDataset({ scores: scores((id) => (id < 17 && id !== 3) || false), promptHash: 'prompt-edited' })],
    serverMetrics: {
      intervalMs: 1000,
      startedAt: '2026-11-26T09:00:00.000Z',
      finishedAt: '2026-11-26T09:01:00.000Z',
      slotsPerReplica: 64,
      replicas: [],
      total: { generationTokensPerSec: 1234.5, meanRunning: 40, peakKvCacheUsage: 0.42, prefixCacheHitRate: 0.25, preemptions: 3 },
      gpu: { available: false, reason: 'no nvidia-smi on PATH' },
    },
  });
  const simulated = makeRun({
    runId: 'run-simulated',
    startedAt: '2026-11-27T09:00:00.000Z',
    simulation: 'mix:0.3',
    preset: 'performance',
    benchmarks: makeBenchmarks(1280, { simulated: true }),
    datasets: [makeDataset({ scores: scores((id) => id % 3 !== 0) })],
  });
  return { base, edited, simulated };
}
