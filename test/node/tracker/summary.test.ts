import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lexer, type Token, type Tokens } from 'marked';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeRunRecord } from '../../../src/node/history/store.ts';
import { buildCoverage } from '../../../src/node/tracker/coverage.ts';
import { buildTrackerModel, type TrackerConfig } from '../../../src/node/tracker/model.ts';
import { FULL_TRACKER_FILE, renderTrackerSummary } from '../../../src/node/tracker/render-summary.ts';
import { TRACKER_FILE, updateTracker } from '../../../src/node/tracker/write.ts';
import { binaryScores, makeDataset, makeRun } from './fixtures.ts';

const MODELS = ['qwen3_8b', 'qwen3_14b', 'qwen3_14b_awq'];
const PRESETS = ['performance', 'balanced', 'memory_optimized'];
const DATASETS = ['gsm8k/0shot', 'arc_challenge/25shot', 'hellaswag/10shot', 'humaneval/0shot'];

const config: TrackerConfig = {
  models: MODELS.map((key) => ({ key, id: `Qwen/${key}` })),
  presets: PRESETS.map((name) => ({ name, gpuMemoryUtilization: 0.85, maxNumSeqs: 64, prefixCaching: true })),
  datasets: DATASETS,
};

function dataset(key: string, correct: number) {
  const [name, variant] = key.split('/') as [string, string];
  return makeDataset({ dataset: name, variant, scores: binaryScores(40, correct) });
}

// 50 runs over 3 models x 3 presets (memory_optimized of the AWQ model never run), three of them simulated.
function history() {
  const runs = [];
  for (let i = 0; i < 50; i++) {
    const model = MODELS[i % 3]!;
    const preset = PRESETS[Math.floor(i / 3) % 3]!;
    if (model === 'qwen3_14b_awq' && preset === 'memory_optimized') continue;
    runs.push(
      makeRun({
        modelKey: model,
        modelId: `Qwen/${model}`,
        preset,
        startedAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
        simulation: i >= 47 ? 'gold' : null,
        datasets: DATASETS.slice(0, 1 + (i % 4)).map((key, k) => dataset(key, 20 + ((i + k) % 15))),
      }),
    );
  }
  return runs;
}

let dir: string;
let summary: string;
let full: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qwen-evals-summary-'));
  for (const run of history()) await writeRunRecord(dir, run);
  await updateTracker(dir, config);
  summary = await readFile(path.join(dir, TRACKER_FILE), 'utf8');
  full = await readFile(path.join(dir, FULL_TRACKER_FILE), 'utf8');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function tablesOf(markdown: string): Tokens.Table[] {
  const found: Tokens.Table[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'table') found.push(token as Tokens.Table);
      if ('tokens' in token && Array.isArray(token.tokens)) walk(token.tokens);
    }
  };
  walk(lexer(markdown));
  return found;
}

// Cells of a raw table line, split on unescaped pipes.
function cellCount(line: string): number {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/).length;
}

describe('TRACKER.md with 3 models x 3 presets and 50 runs', () => {
  test('opens with the overview, then the coverage list', () => {
    const headings = summary.split('\n').filter((line) => line.startsWith('## '));
    expect(headings.slice(0, 2)).toEqual(['## Overview', '## Coverage']);
  });

  test('stays under 150 lines', () => {
    expect(summary.trimEnd().split('\n').length).toBeLessThan(150);
  });

  test('links every score to a run record that exists', () => {
    const links = [...summary.matchAll(/\]\((runs\/[^)]+\.json)\)/g)].map((m) => decodeURIComponent(m[1]!));
    const scores = [...summary.matchAll(/\[(\d\.\d{3})\]\(runs\//g)];
    expect(scores.length).toBeGreaterThan(20);
    for (const link of links) expect(existsSync(path.join(dir, link)), link).toBe(true);
  });

  test('renders every table with the same number of cells in each row', () => {
    const tables = tablesOf(summary);
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const table of tables) {
      const lines = table.raw.trimEnd().split('\n');
      for (const line of lines) expect(cellCount(line), line).toBe(table.header.length);
    }
  });

  test('keeps simulated runs in a table of their own', () => {
    const [real, simulated] = tablesOf(summary);
    expect(real!.header.map((h) => h.text).join(' ')).not.toMatch(/\(gold\)/);
    expect(simulated!.header.map((h) => h.text).join(' ')).toMatch(/\(gold\)/);
  });

  test('lists the never-run model and preset in the coverage list', () => {
    expect(summary).toContain('- [ ] `qwen3_14b_awq` · memory_optimized: never run');
  });

  test('links the full tracker, which lists every run', () => {
    expect(summary).toContain(`](${FULL_TRACKER_FILE})`);
    const changelog = full.slice(full.indexOf('## Changelog'));
    expect(changelog.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(history().length);
  });

  test("renders the full tracker's tables with the same number of cells in each row", () => {
    for (const table of tablesOf(full))
      for (const line of table.raw.trimEnd().split('\n')) expect(cellCount(line), line).toBe(table.header.length);
  });
});

describe('overview', () => {
  test("marks the model's best preset on a dataset, and none on a tie", () => {
    const runs = [
      makeRun({ modelKey: 'qwen3_8b', preset: 'performance', datasets: [dataset('gsm8k/0shot', 30)] }),
      makeRun({ modelKey: 'qwen3_8b', preset: 'balanced', datasets: [dataset('gsm8k/0shot', 35)] }),
      makeRun({ modelKey: 'qwen3_14b', preset: 'performance', datasets: [dataset('gsm8k/0shot', 30)] }),
      makeRun({ modelKey: 'qwen3_14b', preset: 'balanced', datasets: [dataset('gsm8k/0shot', 30)] }),
    ];
    const [table] = buildTrackerModel(runs, config).overview;
    expect(table!.rows[0]!.cells.map((c) => c?.bestPreset)).toEqual([false, true, false, false]);
  });

  test('shows a partial result as "n of size"', () => {
    const run = makeRun({
      modelKey: 'qwen3_8b',
      preset: 'balanced',
      datasets: [makeDataset({ scores: binaryScores(20, 10), datasetSize: 1319 })],
    });
    expect(renderTrackerSummary(buildTrackerModel([run], config))).toContain('n=20 of 1,319');
  });
});

describe('coverage', () => {
  const coverageOf = (runs: ReturnType<typeof makeRun>[]) => {
    const model = buildTrackerModel(runs, config);
    return buildCoverage(config, model.sections, runs);
  };
  const item = (runs: ReturnType<typeof makeRun>[], modelKey: string, preset: string) =>
    coverageOf(runs).find((i) => i.modelKey === modelKey && i.preset === preset)!;

  test('names the datasets of the config a model and preset never ran', () => {
    const runs = [makeRun({ modelKey: 'qwen3_8b', preset: 'balanced', datasets: [dataset('gsm8k/0shot', 30)] })];
    expect(item(runs, 'qwen3_8b', 'balanced')).toMatchObject({ neverRun: false, missing: DATASETS.slice(1) });
  });

  test('counts simulated runs as never run', () => {
    const runs = [makeRun({ modelKey: 'qwen3_8b', preset: 'balanced', simulation: 'gold', datasets: [dataset('gsm8k/0shot', 30)] })];
    expect(item(runs, 'qwen3_8b', 'balanced').neverRun).toBe(true);
  });

  test('lists a result of part of a dataset as partial', () => {
    const runs = [
      makeRun({ modelKey: 'qwen3_8b', preset: 'balanced', datasets: [makeDataset({ scores: binaryScores(20, 10), datasetSize: 1319 })] }),
    ];
    expect(item(runs, 'qwen3_8b', 'balanced').partial).toMatchObject([{ dataset: 'gsm8k/0shot', cases: 20, datasetSize: 1319 }]);
  });

  test('lists a result as stale when a newer run used another prompt', () => {
    const old = makeRun({ modelKey: 'qwen3_8b', preset: 'balanced', datasets: [makeDataset({ scores: binaryScores(20, 10) })] });
    const edited = makeRun({
      modelKey: 'qwen3_14b',
      preset: 'balanced',
      datasets: [makeDataset({ scores: binaryScores(20, 10), promptHash: 'edited' })],
    });
    expect(item([old, edited], 'qwen3_8b', 'balanced').stale).toMatchObject([
      { dataset: 'gsm8k/0shot', runId: old.runId, changes: ['prompt'] },
    ]);
    expect(item([old, edited], 'qwen3_14b', 'balanced').stale).toEqual([]);
  });

  test('lists a result as stale when the harness version changed since', () => {
    const old = makeRun({ modelKey: 'qwen3_8b', preset: 'balanced', harnessVersion: '0.1.0' });
    const newer = makeRun({ modelKey: 'qwen3_14b', preset: 'balanced', harnessVersion: '0.2.0' });
    expect(item([old, newer], 'qwen3_8b', 'balanced').stale[0]!.changes).toEqual(['harness 0.1.0 → 0.2.0']);
  });

  test('ticks a model and preset whose every dataset is complete and current', () => {
    const runs = [makeRun({ modelKey: 'qwen3_8b', preset: 'balanced', datasets: DATASETS.map((key) => dataset(key, 30)) })];
    expect(renderTrackerSummary(buildTrackerModel(runs, config))).toContain('- [x] `qwen3_8b` · balanced: complete and current');
  });
});
