import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatNumber } from '../../src/node/tracker/markdown.ts';
import { evalEnv, readRunRecords, startVitest } from '../helpers/run-vitest.ts';

// Issue-5 acceptance, end to end on the simulated vLLM: the tracker is written from measured runs, and a
// baseline comparison fails a run only on a significant paired regression.
const GSM8K = ['gsm8k'];

describe.sequential('tracker and gates across runs', () => {
  test('the tracker shows runs of two presets and two models with their measured numbers and comparisons', async () => {
    const base = evalEnv({ EVAL_SIMULATE: 'gold', EVAL_LIMIT: '12' });
    const shared = { EVAL_RESULTS_DIR: base.EVAL_RESULTS_DIR };
    // Both models in one invocation (one server at a time: they share the GPU), then the other preset.
    for (const [projects, preset] of [
      [['qwen3_8b', 'qwen3_14b'], 'balanced'],
      [['qwen3_8b'], 'performance'],
    ] as const) {
      const args = projects.flatMap((project) => ['--project', project]);
      const result = await startVitest([...args, ...GSM8K], { ...base, ...shared, EVAL_PRESET: preset });
      expect(result.exitCode, result.all).toBe(0);
    }
    const runs = readRunRecords(base.EVAL_RESULTS_DIR!);
    expect(runs.map((r) => `${r.project}/${r.preset}`).sort()).toEqual(['qwen3_14b/balanced', 'qwen3_8b/balanced', 'qwen3_8b/performance']);
    const tracker = readFileSync(join(base.EVAL_RESULTS_DIR!, 'TRACKER-full.md'), 'utf8');
    expect(tracker).toContain('SIMULATED');
    expect(tracker).toMatch(/qwen3_8b.*performance/s);
    expect(tracker).toMatch(/Qwen\/Qwen2\.5-14B-Instruct/);
    // Every run's measured throughput appears as rendered from its own record: nothing typed by hand.
    for (const run of runs) {
      expect(run.performance.outputTokensPerSec).toBeGreaterThan(0);
      expect(tracker).toContain(`| Output throughput | ${formatNumber(run.performance.outputTokensPerSec)} tok/s |`);
    }
    expect(tracker).toMatch(/#### (performance → balanced|balanced → performance) \(qwen3_8b\) — SIMULATED/);
    expect(tracker).toContain('#### qwen3_8b → qwen3_14b (preset balanced) — SIMULATED');
    // TRACKER.md: the overview first, each simulated score linked to the record it came from.
    const overview = readFileSync(join(base.EVAL_RESULTS_DIR!, 'TRACKER.md'), 'utf8');
    expect(overview.split('\n').find((line) => line.startsWith('## '))).toBe('## Overview');
    for (const run of runs) expect(overview).toContain(`](runs/${run.runId}.json)`);
    expect(tracker).toMatch(/\| gsm8k\/0shot \| strict \| 1\.000 \| 1\.000 \| \+0\.000 \| p=1\.000 \(n=12\) \|/);
  });

  test('a regression fails against the last run that passed its gates, and again when repeated: no ratchet', async () => {
    // Automatic baselines: runs on branch main in one results folder, as CI keeps them.
    const gold = evalEnv({ EVAL_SIMULATE: 'gold', EVAL_LIMIT: '60', GITHUB_REF_NAME: 'main' });
    const at = (simulate: string) => ({ ...gold, EVAL_SIMULATE: simulate });
    const runA = await startVitest(['--project', 'qwen3_8b', ...GSM8K], gold);
    expect(runA.exitCode, runA.all).toBe(0);
    const [recordA] = readRunRecords(gold.EVAL_RESULTS_DIR!);

    // 54 of 60 right: 6 regressions, 0 fixes, exact McNemar p = 2 x 0.5^6 = 0.031; strict 0.90 still clears the 0.85 threshold.
    for (const run of ['B', 'C']) {
      const result = await startVitest(['--project', 'qwen3_8b', ...GSM8K], at('mix:0.9'));
      expect(result.exitCode, `run ${run}: ${result.all}`).toBe(1);
      expect(result.all).toContain(`vs baseline ${recordA!.runId}`);
      expect(result.all).toMatch(/FAIL\s+baseline\s+gsm8k\/0shot strict.*exact McNemar.*6 regressions/);
      // The tally agrees with the exit code: the gate is the one failed test; the six wrong answers are skipped, not passed.
      expect(result.all).toMatch(/^54 passed, 1 failed, 6 skipped$/m);
    }
    const [, recordB, recordC] = readRunRecords(gold.EVAL_RESULTS_DIR!);
    for (const record of [recordB!, recordC!]) {
      const gate = record.gates.find((g) => g.kind === 'baseline')!;
      expect(gate).toMatchObject({ passed: false, baselineRunId: recordA!.runId });
      expect(gate.score).toBeCloseTo(-0.1, 5);
    }
    const tracker = readFileSync(join(gold.EVAL_RESULTS_DIR!, 'TRACKER-full.md'), 'utf8');
    expect(tracker).toMatch(/\| \*\*FAIL\*\*[^|]*\(regression vs baseline\) \|/);

    const same = await startVitest(['--project', 'qwen3_8b', ...GSM8K], gold);
    expect(same.exitCode, same.all).toBe(0);
    expect(same.all).toMatch(/PASS\s+baseline\s+gsm8k\/0shot strict/);
    expect(same.all).toMatch(/^61 passed, 0 failed$/m);
  });

  test('EVAL_BASELINE names the run to compare with, whatever the branch', async () => {
    const gold = evalEnv({ EVAL_SIMULATE: 'gold', EVAL_LIMIT: '60', GITHUB_REF_NAME: 'feature-x' });
    expect((await startVitest(['--project', 'qwen3_8b', ...GSM8K], gold)).exitCode).toBe(0);
    const [baseline] = readRunRecords(gold.EVAL_RESULTS_DIR!);
    const baselineFile = join(gold.EVAL_RESULTS_DIR!, 'runs', `${baseline!.runId}.json`);
    const worse = evalEnv({ EVAL_SIMULATE: 'mix:0.9', EVAL_LIMIT: '60', EVAL_BASELINE: baselineFile });
    const failed = await startVitest(['--project', 'qwen3_8b', ...GSM8K], worse);
    expect(failed.exitCode).toBe(1);
    expect(failed.all).toContain(`vs baseline ${baseline!.runId}`);
  });
});
