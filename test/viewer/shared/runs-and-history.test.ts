import { describe, expect, test } from 'vitest';
import { layoutChart } from '../../../src/shared/viewer/chart-layout.ts';
import { filterRuns, listFacets, NO_RUN_FILTER } from '../../../src/shared/viewer/filter-runs.ts';
import { buildHistory } from '../../../src/shared/viewer/history.ts';
import { buildIndex } from '../../../src/shared/viewer/summarize-run.ts';
import { threeRuns } from '../fixtures.ts';

const { base, edited, simulated } = threeRuns();
const { runs } = buildIndex('/results', [base, simulated, edited], () => true);

describe('runs list', () => {
  test('runs are listed newest first', () => {
    expect(runs.map((r) => r.runId)).toEqual(['run-simulated', 'run-edited', 'run-base']);
  });

  test('filters keep runs by simulation, preset and date range (inclusive days)', () => {
    const ids = (filter: Partial<typeof NO_RUN_FILTER>) => filterRuns(runs, { ...NO_RUN_FILTER, ...filter }).map((r) => r.runId);
    expect(ids({ simulated: 'simulated' })).toEqual(['run-simulated']);
    expect(ids({ simulated: 'real' })).toEqual(['run-edited', 'run-base']);
    expect(ids({ preset: 'performance' })).toEqual(['run-simulated']);
    expect(ids({ from: '2026-11-26', to: '2026-11-26' })).toEqual(['run-edited']);
    expect(ids({ dataset: 'mbpp/test' })).toEqual([]);
  });

  test('facets list each model, preset and dataset once', () => {
    expect(listFacets(runs)).toEqual({
      models: ['Qwen/Qwen2.5-7B-Instruct'],
      presets: ['default', 'performance'],
      datasets: ['gsm8k/0shot'],
    });
  });
});

describe('history', () => {
  test('one series per model, preset and simulation, oldest point first', () => {
    const series = buildHistory(runs, 'gsm8k/0shot');
    expect(series.map((s) => [s.label, s.points.map((p) => p.runId)])).toEqual([
      ['Qwen/Qwen2.5-7B-Instruct · performance · simulated mix:0.3', ['run-simulated']],
      ['Qwen/Qwen2.5-7B-Instruct · default', ['run-base', 'run-edited']],
    ]);
    expect(series[1]!.points[0]!.value).toBe(base.datasets['gsm8k/0shot']!.metrics.strict!.value);
  });

  test('the chart puts older runs left, higher scores up, and the interval around its point', () => {
    const frame = { width: 200, height: 100, margin: { top: 0, right: 0, bottom: 0, left: 0 } };
    const layout = layoutChart(buildHistory(runs, 'gsm8k/0shot'), frame);
    const [first, second] = layout.series[1]!.points;
    expect(first!.x).toBe(0);
    expect(second!.x).toBeGreaterThan(first!.x);
    expect(second!.y < first!.y).toBe(second!.value > first!.value);
    expect(first!.ciY![1]).toBeLessThan(first!.y);
    expect(first!.ciY![0]).toBeGreaterThan(first!.y);
    expect(layout.range).toEqual([0, 1]);
  });
});
