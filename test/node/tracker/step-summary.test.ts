import { describe, expect, test } from 'vitest';
import { compareWithBaseline } from '../../../src/shared/gates/compare.ts';
import { evaluateGates } from '../../../src/shared/gates/evaluate.ts';
import { MAX_SUMMARY_CASE_IDS, renderStepSummary } from '../../../src/node/tracker/step-summary.ts';
import { binaryScores, makeDataset, makeRun } from './fixtures.ts';

const baseline = makeRun({ runId: 'base-run', datasets: [makeDataset({ scores: binaryScores(200, 180) })] });
const regressed = binaryScores(200, 180).map((s, i) => (i < 60 ? 0 : s));
const run = makeRun({ runId: 'pr-run', project: 'qwen3_8b', datasets: [makeDataset({ scores: regressed, datasetSize: 1319 })] });
const comparison = compareWithBaseline(run, baseline);
const gates = evaluateGates({ run, baseline, comparison, thresholds: { 'gsm8k/0shot': { strict: 0.85 } } });
const summary = renderStepSummary(run, gates, comparison);

describe('renderStepSummary', () => {
  test('heads with project, preset and the number of failed gates', () => {
    expect(summary.split('\n')[0]).toBe('## qwen-evals · qwen3_8b · default');
    expect(summary).toContain('❌ 2 gate(s) failed · run `pr-run` · complete');
  });

  test("heads a shard's summary with its shard and calls its failed gates advisory", () => {
    const shard = makeRun({ project: 'qwen3_8b', shard: { index: 1, count: 2 } });
    const text = renderStepSummary(shard, gates);
    expect(text.split('\n')[0]).toBe('## qwen-evals · qwen3_8b · default · shard 1/2');
    expect(text).toContain('shard 1/2: 2 of 2 gate(s) missed on this share (advisory until `qwen-evals merge`)');
    expect(text).not.toContain('❌ 2 gate(s) failed');
  });

  test('shows each dataset primary score with its interval, samples and threshold', () => {
    expect(summary).toMatch(/\| gsm8k\/0shot \| strict \| 0\.600 \(0\.531-0\.665\) \| 200 of 1319 \| ❌ < 0\.85 \|/);
  });

  test('lists failed gates before passed ones', () => {
    const gateLines = summary.split('\n').filter((l) => /^- (✅|❌|⚠️)/.test(l));
    expect(gateLines.map((l) => l.slice(2, 3))).toEqual(['❌', '❌']);
    expect(gateLines[1]).toContain('baseline: gsm8k/0shot strict vs baseline base-run: Δ -0.300');
  });

  test('tabulates the paired comparison and caps the flipped case ids', () => {
    expect(summary).toContain('### Compared with baseline `base-run`');
    expect(summary).toMatch(
      /\| gsm8k\/0shot \| strict \| 0\.900 \| 0\.600 \| -0\.300 \([-0-9. to]+\) \| p<0\.001 \(exact McNemar\) \| 60 \| 0 \|/,
    );
    expect(summary).toContain('<details><summary>gsm8k/0shot strict: 60 regressions, 0 fixes</summary>');
    expect(summary).toContain(`(+${60 - MAX_SUMMARY_CASE_IDS} more)`);
  });

  test('labels a simulated run', () => {
    const simulated = renderStepSummary({ ...run, simulation: 'gold' }, []);
    expect(simulated.split('\n')[0]).toBe('## qwen-evals · qwen3_8b · default — SIMULATED (gold)');
    expect(simulated).toContain('> SIMULATED: answers came from the simulated vLLM');
  });

  test('omits gate and baseline sections when there are none', () => {
    const plain = renderStepSummary(run, []);
    expect(plain).toContain('no gates');
    expect(plain).not.toContain('### Gates');
    expect(plain).not.toContain('### Compared with baseline');
  });
});
