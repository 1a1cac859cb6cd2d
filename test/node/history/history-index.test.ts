import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { HISTORY_INDEX_FILE } from '../../../src/node/history/history-index.ts';
import { listRunSummaries, runRecordPath, writeRunRecord } from '../../../src/node/history/store.ts';
import { runsToCompare } from '../../../src/node/tracker/model.ts';
import { blankKeepingStamp } from '../../helpers/blank-keeping-stamp.ts';
import { makeRun } from '../tracker/fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qwen-evals-index-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeRuns(count: number): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < count; i++) files.push(await writeRunRecord(dir, makeRun()));
  return files;
}

describe('listRunSummaries', () => {
  test('lists the runs without their per-case data', async () => {
    await writeRuns(2);
    const { runs } = await listRunSummaries(dir);
    expect(runs).toHaveLength(2);
    for (const { record } of runs) for (const dataset of Object.values(record.datasets)) expect(dataset).not.toHaveProperty('cases');
  });

  test('reads each record once: the next listing serves every summary from the index', async () => {
    const files = await writeRuns(3);
    const first = await listRunSummaries(dir);
    expect(first.index).toEqual({ reused: 0, read: 3 });
    for (const file of files) await blankKeepingStamp(file);
    const second = await listRunSummaries(dir);
    expect(second.index).toEqual({ reused: 3, read: 0 });
    expect(second.invalid).toEqual([]);
    expect(second.runs.map((r) => r.record.runId)).toEqual(first.runs.map((r) => r.record.runId));
  });

  test('adds a record written after the index exists without reading it again', async () => {
    await writeRuns(2);
    await listRunSummaries(dir);
    const [added] = await writeRuns(1);
    await blankKeepingStamp(added!);
    const listed = await listRunSummaries(dir);
    expect(listed.index).toEqual({ reused: 3, read: 0 });
    expect(listed.invalid).toEqual([]);
  });

  test('appends the entry of a record written after the index exists, leaving the other lines as they were', async () => {
    await writeRuns(2);
    await listRunSummaries(dir);
    const index = path.join(dir, HISTORY_INDEX_FILE);
    const before = await readFile(index, 'utf8');
    const [added] = await writeRuns(1);
    const after = await readFile(index, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(JSON.parse(after.slice(before.length)).file).toBe(path.basename(added!));
  });

  test('reads a record again when its index line was cut short, keeping the other entries', async () => {
    await writeRuns(2);
    await listRunSummaries(dir);
    const index = path.join(dir, HISTORY_INDEX_FILE);
    const [added] = await writeRuns(1);
    const text = await readFile(index, 'utf8');
    await writeFile(index, text.slice(0, text.length - 40));
    await blankKeepingStamp(added!);
    const listed = await listRunSummaries(dir);
    expect(listed.index).toEqual({ reused: 2, read: 1 });
    expect(listed.invalid.map((f) => f.path)).toEqual([added]);
  });

  test('re-reads a record whose file changed since it was indexed', async () => {
    const files = await writeRuns(2);
    await listRunSummaries(dir);
    await appendFile(files[0]!, '\n');
    expect((await listRunSummaries(dir)).index).toEqual({ reused: 1, read: 1 });
  });

  test('rebuilds a corrupt index from the records', async () => {
    await writeRuns(2);
    await listRunSummaries(dir);
    await writeFile(path.join(dir, HISTORY_INDEX_FILE), '{"version":2,"recordV');
    const listed = await listRunSummaries(dir);
    expect(listed.index).toEqual({ reused: 0, read: 2 });
    expect(listed.runs).toHaveLength(2);
  });

  test('drops the entry of a deleted record', async () => {
    const files = await writeRuns(2);
    await listRunSummaries(dir);
    await rm(files[0]!);
    expect((await listRunSummaries(dir)).runs).toHaveLength(1);
    const lines = (await readFile(path.join(dir, HISTORY_INDEX_FILE), 'utf8')).trim().split('\n').slice(1);
    expect(lines.map((line) => JSON.parse(line).file)).toEqual([path.basename(files[1]!)]);
  });

  test('names an invalid record on every listing without parsing it again', async () => {
    await writeRuns(1);
    const bad = runRecordPath(dir, 'broken');
    await writeFile(bad, '{"schemaVersion": 2, "runId": "broken"}');
    const first = await listRunSummaries(dir);
    expect(first.invalid.map((f) => f.error.message)).toEqual([expect.stringMatching(/broken\.json does not match the run record schema/)]);
    const second = await listRunSummaries(dir);
    expect(second.index.read).toBe(0);
    expect(second.invalid.map((f) => f.error.message)).toEqual(first.invalid.map((f) => f.error.message));
  });

  test('lists an empty history when there is no runs folder, writing nothing', async () => {
    expect(await listRunSummaries(dir)).toEqual({ runs: [], invalid: [], index: { reused: 0, read: 0 } });
  });
});

describe('runsToCompare', () => {
  test('wants no per-case data when the history has a single model and preset', () => {
    const runs = Array.from({ length: 5 }, () => makeRun({ modelKey: 'qwen3_8b', preset: 'balanced' }));
    expect(runsToCompare(runs).size).toBe(0);
  });

  test('wants the newest run of each model and preset, for the datasets it stands for', () => {
    const old = makeRun({ modelKey: 'a', preset: 'balanced' });
    const newer = makeRun({ modelKey: 'a', preset: 'balanced' });
    const other = makeRun({ modelKey: 'b', preset: 'balanced' });
    const wanted = runsToCompare([old, newer, other]);
    expect([...wanted.keys()].sort()).toEqual([newer.runId, other.runId].sort());
    expect([...wanted.get(newer.runId)!]).toEqual(Object.keys(newer.datasets));
  });
});
