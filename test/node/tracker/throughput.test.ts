import { describe, expect, test } from 'vitest';
import { buildThroughputSections, renderThroughputBenchmarks } from '../../../src/node/tracker/throughput.ts';
import { makeBenchmarks } from './benchmark-fixtures.ts';
import { makeRun } from './fixtures.ts';

describe('throughput benchmarks section', () => {
  const simulated = makeRun({
    preset: 'balanced',
    datasets: [],
    simulation: 'gold',
    benchmarks: makeBenchmarks(2000, { simulated: true }),
  });

  test('shows the median output throughput of the repeats with their range', () => {
    const text = renderThroughputBenchmarks(buildThroughputSections([simulated])).join('\n');
    expect(text).toMatch(/\| concurrency 8 \| 2,000 \(1,980–2,020\) \|/);
  });

  test('labels simulated numbers with the simulator timing parameters', () => {
    const text = renderThroughputBenchmarks(buildThroughputSections([simulated])).join('\n');
    expect(text).toContain('— SIMULATED (gold)');
    expect(text).toContain('step 4 ms + 0.05 ms x running, prefill 0 ms/token, 64 slots, stream interval 16');
  });

  test('draws the latency-throughput chart of the sweep as a Mermaid xychart', () => {
    const text = renderThroughputBenchmarks(buildThroughputSections([simulated])).join('\n');
    expect(text).toContain('```mermaid\nxychart-beta\n');
    expect(text).toContain('x-axis "concurrency: output tok/s" ["c1: 200", "c8: 2000"]');
    expect(text).toContain('line [1000, 1000]\n  line [2000, 2000]');
  });

  test('keeps the newest run per model, preset and server kind, counting runs of the same definition', () => {
    const older = makeRun({ preset: 'balanced', datasets: [], benchmarks: makeBenchmarks(1000), startedAt: '2026-11-27T08:00:00.000Z' });
    const newer = makeRun({ preset: 'balanced', datasets: [], benchmarks: makeBenchmarks(1100), startedAt: '2026-11-27T09:00:00.000Z' });
    const sections = buildThroughputSections([newer, older, simulated]);
    expect(sections.map((s) => [s.runId, s.runs])).toEqual([
      [newer.runId, 2],
      [simulated.runId, 1],
    ]);
  });

  test('says how to run the benchmark when none ran', () => {
    expect(renderThroughputBenchmarks([]).join('\n')).toContain('pnpm vitest run --project <model> throughput');
  });
});
