import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { planBaseline } from '../../src/node/history/baseline.ts';
import { writeRunRecord } from '../../src/node/history/store.ts';
import { evaluateSuiteGates } from '../../src/runtime/gate.ts';
import { NO_QUALITY_ISSUES, type CaseRecord } from '../../src/shared/records/case-record.ts';
import type { SuiteMeta } from '../../src/shared/records/suite-meta.ts';
import { FAKE_RUN, FAKE_SERVER } from '../helpers/fake-client.ts';
import { binaryScores, makeDataset, makeRun } from '../node/tracker/fixtures.ts';

// The suite gate picks, per dataset, the newest baseline that covers every case the suite ran.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qwen-evals-gate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const KEY = 'gsm8k/0shot';
const suite: SuiteMeta = {
  dataset: 'gsm8k',
  variant: '0shot',
  label: KEY,
  primaryMetric: 'strict',
  metricSpecs: [{ name: 'strict', kind: 'proportion', description: 'strict metric', range: [0, 1] }],
  pins: [],
  promptHash: 'prompt-gsm8k-0shot',
  datasetSize: 100,
  selected: 100,
  judge: null,
};

function caseRecords(n: number): CaseRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    runId: 'current',
    simulation: null,
    dataset: 'gsm8k',
    variant: '0shot',
    caseId: String(i),
    prompt: '',
    response: '18',
    expected: '18',
    extracted: { strict: '18' },
    scores: { strict: 1 },
    verdict: 'correct',
    usage: { promptTokens: null, completionTokens: null },
    timing: { requests: 1, ttftMs: null, latencyMs: 1 },
    quality: NO_QUALITY_ISSUES,
  }));
}

async function gate(records: CaseRecord[]) {
  const baseline = await planBaseline({ resultsDir: dir, project: 'p', preset: 'default', simulation: null, env: {} });
  const run = { ...FAKE_RUN, project: 'p' };
  const history = { baseline, unstable: {} };
  const gates = await evaluateSuiteGates({ key: KEY, suite, records, thresholds: {}, run, server: FAKE_SERVER, history });
  return gates.find((g) => g.kind === 'baseline')!;
}

describe('the baseline gate of a suite', () => {
  test('skips a newer partial run and compares with the newest run covering every case', async () => {
    const full = makeRun({
      project: 'p',
      startedAt: '2026-11-01T00:00:00.000Z',
      datasets: [makeDataset({ scores: binaryScores(100, 100) })],
    });
    const partial = makeRun({
      project: 'p',
      startedAt: '2026-11-02T00:00:00.000Z',
      datasets: [makeDataset({ scores: binaryScores(20, 20) })],
    });
    for (const run of [full, partial]) await writeRunRecord(dir, run);
    expect(await gate(caseRecords(100))).toMatchObject({ baselineRunId: full.runId, passed: true });
  });

  test('says no run covers the cases, naming the newest partial one, when only partial runs exist', async () => {
    const partial = makeRun({ project: 'p', datasets: [makeDataset({ scores: binaryScores(20, 20) })] });
    await writeRunRecord(dir, partial);
    const result = await gate(caseRecords(100));
    expect(result.passed).toBe(true);
    expect(result.baselineRunId ?? null).toBeNull();
    expect(result.message).toContain(`covers all 100 cases of this run (newest with ${KEY}: ${partial.runId}, 20 cases)`);
  });

  test('a partial run compares with a full baseline on its own cases', async () => {
    const full = makeRun({ project: 'p', datasets: [makeDataset({ scores: binaryScores(100, 100) })] });
    await writeRunRecord(dir, full);
    expect(await gate(caseRecords(20))).toMatchObject({ baselineRunId: full.runId, passed: true });
  });

  test('says which datasets a baseline run never evaluated', async () => {
    await writeRunRecord(
      dir,
      makeRun({ project: 'p', datasets: [makeDataset({ dataset: 'arc_challenge', scores: binaryScores(20, 20) })] }),
    );
    expect((await gate(caseRecords(10))).message).toContain(`none of the 1 candidate run(s)`);
  });
});
