import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readCaseRecords, watchResults } from '../../../src/node/viewer/load-results.ts';
import { RecordError } from '../../../src/shared/errors.ts';
import { makeCaseRecords, threeRuns, writeResultsFolder } from '../fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'viewer-cases-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const lines = makeCaseRecords(threeRuns().base)
  .slice(0, 3)
  .map((record) => JSON.stringify(record));

describe('readCaseRecords', () => {
  test('reads one record per line, blank lines ignored', async () => {
    const file = path.join(dir, 'r.jsonl');
    await writeFile(file, `${lines.join('\n\n')}\n`);
    expect((await readCaseRecords(file)).map((r) => r.caseId)).toEqual(['0', '1', '2']);
  });

  test('skips a last line cut short by an interrupted run', async () => {
    const file = path.join(dir, 'r.jsonl');
    await writeFile(file, `${lines.join('\n')}\n${lines[0]!.slice(0, 30)}`);
    expect(await readCaseRecords(file)).toHaveLength(3);
  });

  test('a broken line before the end throws RecordError naming the file and line', async () => {
    const file = path.join(dir, 'r.jsonl');
    await writeFile(file, `${lines[0]}\n{"oops"\n${lines[1]}\n`);
    await expect(readCaseRecords(file)).rejects.toThrow(RecordError);
    await expect(readCaseRecords(file)).rejects.toThrow(`${file}, line 2`);
  });

  test('a JSON line that is not a case record throws, naming the fields expected', async () => {
    const file = path.join(dir, 'r.jsonl');
    await writeFile(file, `${lines[0]}\n{"caseId": 3}\n`);
    await expect(readCaseRecords(file)).rejects.toThrow('line 2: expected an object with runId, dataset, variant, caseId and verdict');
  });
});

describe('watchResults', () => {
  test('gives new data once a run is added to runs/, and nothing while runs/ is unchanged', async () => {
    const { base, edited } = threeRuns();
    await writeResultsFolder(dir, [base]);
    const results = await watchResults(dir);
    expect(await results.refresh()).toBeNull();
    await writeResultsFolder(dir, [edited]);
    expect((await results.refresh())?.summaries.map((r) => r.runId)).toEqual(['run-base', 'run-edited']);
    expect(await results.refresh()).toBeNull();
  });

  test('reads a cases file again once it grew (a run still writing)', async () => {
    const { base } = threeRuns();
    await writeResultsFolder(dir, [base]);
    const { data } = await watchResults(dir);
    expect(await data.loadCases('run-base')).toHaveLength(20);
    await appendFile(path.join(dir, 'cases', 'run-base.jsonl'), `${JSON.stringify({ ...makeCaseRecords(base)[0], caseId: '20' })}\n`);
    expect(await data.loadCases('run-base')).toHaveLength(21);
  });
});
