import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { RecordError } from '../../../src/shared/errors.ts';
import { listRuns, runRecordPath, writeRunRecord } from '../../../src/node/history/store.ts';
import { readComparedRun, readRunRecord } from '../../../src/shared/history/run-record-file.ts';
import { binaryScores, makeDataset, makeRun } from '../tracker/fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qwen-evals-history-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeRunRecord', () => {
  test('writes <resultsDir>/runs/<runId>.json that reads back equal', async () => {
    const run = makeRun();
    const written = await writeRunRecord(dir, run);
    expect(written).toBe(path.join(dir, 'runs', `${run.runId}.json`));
    expect(await readRunRecord(written)).toEqual(run);
  });

  test('leaves no temp file behind', async () => {
    await writeRunRecord(dir, makeRun());
    expect((await readdir(path.join(dir, 'runs'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('refuses to overwrite an existing run id and keeps the first record', async () => {
    const run = makeRun();
    await writeRunRecord(dir, run);
    const second = { ...run, status: 'partial' as const };
    await expect(writeRunRecord(dir, second)).rejects.toThrow(/already exists.*never overwritten/);
    expect((await readRunRecord(runRecordPath(dir, run.runId))).status).toBe('complete');
  });

  test('refuses a record that does not match the schema, naming the field', async () => {
    const bad = { ...makeRun(), status: 'done' } as unknown as ReturnType<typeof makeRun>;
    await expect(writeRunRecord(dir, bad)).rejects.toThrow(/status:/);
  });

  test('refuses a run id that is not a safe file name', async () => {
    await expect(writeRunRecord(dir, { ...makeRun(), runId: '../outside' })).rejects.toThrow(/cannot be used as a file name/);
  });
});

describe('readRunRecord', () => {
  test('throws a RecordError naming the file and each schema issue', async () => {
    const file = path.join(dir, 'bad.json');
    const run = makeRun();
    await writeFile(file, JSON.stringify({ ...run, performance: { ...run.performance, requests: 'many' } }));
    const error = await readRunRecord(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordError);
    expect((error as RecordError).code).toBe('EVAL_RECORD_INVALID');
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/performance\.requests: /);
  });

  test('throws a RecordError naming the file for invalid JSON', async () => {
    const file = path.join(dir, 'broken.json');
    await writeFile(file, '{"schemaVersion": 1,');
    await expect(readRunRecord(file)).rejects.toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON`));
  });

  test('names the unsupported schema version', async () => {
    const file = path.join(dir, 'future.json');
    await writeFile(file, JSON.stringify({ ...makeRun(), schemaVersion: 4 }));
    await expect(readRunRecord(file)).rejects.toThrow(/schemaVersion 4; this harness reads schemaVersion 3/);
  });

  test('reads a record of the older schema version 1, its simulated flag kept as an unknown simulation mode', async () => {
    const { simulation: _mode, incomplete: _incomplete, benchmarks: _b, serverMetrics: _m, ...current } = makeRun({ simulation: 'gold' });
    const v1 = {
      ...current,
      schemaVersion: 1,
      simulated: true,
      model: { ...current.model, reasoning: undefined },
      datasets: Object.fromEntries(Object.entries(current.datasets).map(([key, { quality: _q, ...d }]) => [key, d])),
    };
    const file = path.join(dir, 'v1.json');
    await writeFile(file, JSON.stringify(v1));
    const record = await readRunRecord(file);
    expect([record.schemaVersion, record.simulation, record.incomplete]).toEqual([3, 'simulated', null]);
    expect(Object.values(record.datasets)[0]!.quality.truncated).toBe(0);
  });

  test('reads a record of schema version 2 with neither benchmarks nor server metrics', async () => {
    const { benchmarks: _b, serverMetrics: _m, ...current } = makeRun();
    const file = path.join(dir, 'v2.json');
    await writeFile(file, JSON.stringify({ ...current, schemaVersion: 2 }));
    const record = await readRunRecord(file);
    expect([record.schemaVersion, record.benchmarks, record.serverMetrics]).toEqual([3, null, null]);
  });

  test('throws a RecordError for a missing file', async () => {
    await expect(readRunRecord(path.join(dir, 'missing.json'))).rejects.toBeInstanceOf(RecordError);
  });
});

describe('listRuns', () => {
  test('returns an empty history when the runs folder does not exist', async () => {
    expect(await listRuns(dir)).toEqual({ runs: [], invalid: [] });
  });

  test('returns runs oldest first regardless of write order', async () => {
    const late = makeRun({ startedAt: '2026-11-27T12:00:00.000Z' });
    const early = makeRun({ startedAt: '2026-11-27T08:00:00.000Z' });
    await writeRunRecord(dir, late);
    await writeRunRecord(dir, early);
    expect((await listRuns(dir)).runs.map((r) => r.record.runId)).toEqual([early.runId, late.runId]);
  });

  test('skips and reports an invalid file without throwing', async () => {
    const good = makeRun();
    await writeRunRecord(dir, good);
    await writeFile(path.join(dir, 'runs', 'zz-broken.json'), 'not json');
    const history = await listRuns(dir);
    expect(history.runs.map((r) => r.record.runId)).toEqual([good.runId]);
    expect(history.invalid).toHaveLength(1);
    expect(history.invalid[0]!.path).toBe(path.join(dir, 'runs', 'zz-broken.json'));
    expect(history.invalid[0]!.error).toBeInstanceOf(RecordError);
  });

  test('ignores temp files and non-JSON files', async () => {
    await mkdir(path.join(dir, 'runs'), { recursive: true });
    await writeFile(path.join(dir, 'runs', '.x.json.1234.tmp'), 'partial');
    await writeFile(path.join(dir, 'runs', 'notes.txt'), 'hello');
    expect(await listRuns(dir)).toEqual({ runs: [], invalid: [] });
  });

  test('reports a second file repeating a run id as invalid', async () => {
    const run = makeRun();
    const first = await writeRunRecord(dir, run);
    await writeFile(path.join(dir, 'runs', 'copy.json'), await readFile(first, 'utf8'));
    const history = await listRuns(dir);
    expect(history.runs).toHaveLength(1);
    expect(history.invalid[0]!.error.message).toMatch(/repeats run id/);
  });
});

describe('readComparedRun', () => {
  test('reads the summary and the cases of the dataset asked for, equal to the full record', async () => {
    const run = makeRun({
      datasets: [makeDataset({ scores: binaryScores(6, 4) }), makeDataset({ dataset: 'arc', scores: binaryScores(3, 1) })],
    });
    const compared = await readComparedRun(await writeRunRecord(dir, run));
    expect(compared.summary.runId).toBe(run.runId);
    expect(compared.summary.datasets['gsm8k/0shot']).not.toHaveProperty('cases');
    expect(compared.cases('gsm8k/0shot')).toEqual(run.datasets['gsm8k/0shot']!.cases);
    expect(compared.cases('mbpp/default')).toBeUndefined();
  });

  test("names the file and the dataset when the cases asked for are invalid, and reads the other datasets' cases", async () => {
    const run = makeRun({
      datasets: [makeDataset({ scores: binaryScores(2, 1) }), makeDataset({ dataset: 'arc', scores: binaryScores(2, 1) })],
    });
    const file = await writeRunRecord(dir, run);
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.datasets['arc/0shot'].cases['0'].verdict = 'maybe';
    await writeFile(file, JSON.stringify(json));
    const compared = await readComparedRun(file);
    expect(() => compared.cases('arc/0shot')).toThrow(/cases of arc\/0shot[\s\S]*verdict/);
    expect(compared.cases('gsm8k/0shot')).toEqual(run.datasets['gsm8k/0shot']!.cases);
  });
});
