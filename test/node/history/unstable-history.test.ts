import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeRunRecord } from '../../../src/node/history/store.ts';
import { listUnstableCases, readUnstableCases } from '../../../src/node/history/unstable-history.ts';
import { casesToCompare, MAX_RUNS_PER_CONDITION, unstableGroups } from '../../../src/shared/history/unstable-cases.ts';
import { datasetOf, passing } from '../../shared/history/cases.ts';
import { blankKeepingStamp } from '../../helpers/blank-keeping-stamp.ts';
import { makeRun } from '../tracker/fixtures.ts';

// The unstable cases global setup hands the baseline gates, read from the results folder's history.

const flippedTwo = { ...passing(4), '2': { response: 'other', pass: false } };
const at = (minute: number) => `2026-11-28T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('unstable cases from the history', () => {
  test("are read from the results folder for the model's runs only", async () => {
    const resultsDir = mkdtempSync(join(tmpdir(), 'unstable-history-'));
    await writeRunRecord(resultsDir, makeRun({ startedAt: at(1), datasets: [datasetOf(passing(4))] }));
    await writeRunRecord(resultsDir, makeRun({ startedAt: at(2), datasets: [datasetOf(flippedTwo)] }));
    await writeRunRecord(resultsDir, makeRun({ startedAt: at(3), modelKey: 'other', datasets: [datasetOf(flippedTwo)] }));
    expect(await readUnstableCases(resultsDir, 'qwen2_5_7b', null)).toEqual({ 'gsm8k/0shot': ['2'] });
    expect(await readUnstableCases(resultsDir, 'other', null)).toEqual({});
  });

  test('compare the cases of the newest runs of a shared condition only', () => {
    const runs = Array.from({ length: MAX_RUNS_PER_CONDITION + 2 }, (_, i) =>
      makeRun({ runId: `r${i}`, startedAt: at(i), datasets: [datasetOf(passing(2))] }),
    );
    const lonely = makeRun({ runId: 'edited', startedAt: at(30), datasets: [datasetOf(passing(2), { promptHash: 'edited' })] });
    const wanted = casesToCompare(unstableGroups([...runs, lonely]));
    expect([...wanted.keys()].sort()).toEqual(
      runs
        .slice(2)
        .map((r) => r.runId)
        .sort(),
    );
  });
});

describe('remembered unstable cases', () => {
  test('are not read again from records whose condition gained no run', async () => {
    const resultsDir = mkdtempSync(join(tmpdir(), 'unstable-cache-'));
    const files = [
      await writeRunRecord(resultsDir, makeRun({ startedAt: at(1), datasets: [datasetOf(passing(4))] })),
      await writeRunRecord(resultsDir, makeRun({ startedAt: at(2), datasets: [datasetOf(flippedTwo)] })),
    ];
    const first = await listUnstableCases(resultsDir);
    for (const file of files) await blankKeepingStamp(file);
    // Another history read in between: what this process loaded last is not this one's.
    const other = mkdtempSync(join(tmpdir(), 'unstable-cache-other-'));
    for (const minute of [1, 2]) await writeRunRecord(other, makeRun({ startedAt: at(minute), datasets: [datasetOf(passing(4))] }));
    await listUnstableCases(other);
    expect(await listUnstableCases(resultsDir)).toEqual(first);
    expect(first.map((c) => c.caseId)).toEqual(['2']);
  });

  test('are found again when a run joins the condition', async () => {
    const resultsDir = mkdtempSync(join(tmpdir(), 'unstable-cache-'));
    await writeRunRecord(resultsDir, makeRun({ startedAt: at(1), datasets: [datasetOf(passing(4))] }));
    await writeRunRecord(resultsDir, makeRun({ startedAt: at(2), datasets: [datasetOf(passing(4))] }));
    expect(await listUnstableCases(resultsDir)).toEqual([]);
    await writeRunRecord(resultsDir, makeRun({ startedAt: at(3), datasets: [datasetOf(flippedTwo)] }));
    expect((await listUnstableCases(resultsDir)).map((c) => [c.caseId, c.runs, c.passes])).toEqual([['2', 3, 2]]);
  });
});
