import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../../src/shared/errors.ts';
import { compareWithBaseline } from '../../../src/shared/gates/compare.ts';
import { evaluateGates } from '../../../src/shared/gates/evaluate.ts';
import { formatGateReport } from '../../../src/shared/gates/format.ts';
import { binaryScores, makeDataset, makeRun } from '../../node/tracker/fixtures.ts';

// 1319 GSM8K-sized cases, 1071 correct: 0.812 with Wilson 95% CI 0.790-0.832.
const gsm8k = (correct: number, extra: Partial<Parameters<typeof makeDataset>[0]> = {}) =>
  makeDataset({ scores: binaryScores(1319, correct), ...extra });

/** Scores where `regress` of the first correct cases fail and `fix` of the first wrong cases pass. */
function flipped(n: number, correct: number, regress: number, fix: number): number[] {
  const scores = binaryScores(n, correct);
  for (let i = 0; i < regress; i++) scores[i] = 0;
  for (let i = 0; i < fix; i++) scores[correct + i] = 1;
  return scores;
}

describe('threshold gates', () => {
  test('fail below the threshold with score, threshold, interval and n in the message', () => {
    const [gate] = evaluateGates({ run: makeRun({ datasets: [gsm8k(1071)] }), thresholds: { 'gsm8k/0shot': { strict: 0.85 } } });
    expect(gate).toMatchObject({ kind: 'threshold', dataset: 'gsm8k/0shot', metric: 'strict', passed: false, threshold: 0.85 });
    expect(gate!.message).toBe('gsm8k/0shot strict 0.812 < 0.85 (95% CI 0.790-0.832, n=1319)');
  });

  test('pass at exactly the threshold', () => {
    const [gate] = evaluateGates({
      run: makeRun({ datasets: [makeDataset({ scores: binaryScores(20, 17) })] }),
      thresholds: { 'gsm8k/0shot': { strict: 0.85 } },
    });
    expect(gate!.passed).toBe(true);
    expect(gate!.message).toMatch(/^gsm8k\/0shot strict 0.850 >= 0.85 \(95% CI/);
  });

  test('are skipped for datasets the run did not evaluate', () => {
    expect(evaluateGates({ run: makeRun(), thresholds: { 'humaneval/base': { 'pass@1': 0.8 } } })).toEqual([]);
  });

  test('fail for a metric the dataset does not report, listing the ones it does', () => {
    const [gate] = evaluateGates({ run: makeRun(), thresholds: { 'gsm8k/0shot': { flexible: 0.9 } } });
    expect(gate!.passed).toBe(false);
    expect(gate!.message).toBe('gsm8k/0shot flexible: no such metric (the dataset reports strict); fix the threshold');
  });

  test('fail when no case was scored', () => {
    const [gate] = evaluateGates({
      run: makeRun({ datasets: [makeDataset({ scores: [null, null] })] }),
      thresholds: { 'gsm8k/0shot': { strict: 0.5 } },
    });
    expect(gate).toMatchObject({ passed: false, score: null, message: 'gsm8k/0shot strict: no scored cases (threshold 0.5)' });
  });

  test('reject a non-numeric threshold with a ConfigError naming it', () => {
    expect(() => evaluateGates({ run: makeRun(), thresholds: { 'gsm8k/0shot': { strict: Number.NaN } } })).toThrow(ConfigError);
  });
});

describe('baseline gates', () => {
  const baseline = makeRun({ datasets: [makeDataset({ scores: binaryScores(1319, 1200) })] });

  test('fail a significant regression larger than the minimum effect, listing the flipped cases', () => {
    const run = makeRun({ datasets: [makeDataset({ scores: flipped(1319, 1200, 40, 2) })] });
    const [gate] = evaluateGates({ run, baseline });
    expect(gate).toMatchObject({ kind: 'baseline', passed: false, threshold: -0.02 });
    expect(gate!.score).toBeCloseTo(-38 / 1319, 12);
    expect(gate!.ci![1]).toBeLessThan(0);
    expect(gate!.message).toContain('Δ -0.029');
    expect(gate!.message).toContain('p<0.001 (exact McNemar), 40 regressions / 2 fixes over 1319 paired cases: REGRESSION');
    expect(gate!.message).toContain('regressed: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 (+30 more)');
    expect(gate!.message).toContain('fixed: 1200, 1201');
  });

  test('leave cases known to be unstable out of the discordant pairs, and count them in the message', () => {
    const run = makeRun({ datasets: [makeDataset({ scores: flipped(1319, 1200, 40, 2) })] });
    const unstable = new Set(Array.from({ length: 30 }, (_, i) => String(i)));
    const [gate] = evaluateGates({ run, baseline, unstable });
    expect(gate!.unstableExcluded).toHaveLength(30);
    expect(gate!.message).toContain('10 regressions / 2 fixes over 1289 paired cases');
    expect(gate!.message).toContain('30 unstable case(s) left out of the discordant pairs (they flip between identical runs): 0, 1, 2');
  });

  test('pass a significant regression smaller than the minimum effect', () => {
    const run = makeRun({ datasets: [makeDataset({ scores: flipped(1319, 1200, 20, 0) })] });
    const [gate] = evaluateGates({ run, baseline });
    expect(gate!.passed).toBe(true);
    expect(gate!.message).toContain('significant but within min effect 0.020');
  });

  test('fail that same regression when the minimum effect is lowered', () => {
    const run = makeRun({ datasets: [makeDataset({ scores: flipped(1319, 1200, 20, 0) })] });
    expect(evaluateGates({ run, baseline, minEffect: 0.01 })[0]!.passed).toBe(false);
  });

  test('pass a large but non-significant drop on a small sample', () => {
    const small = makeRun({ datasets: [makeDataset({ scores: binaryScores(20, 15) })] });
    const run = makeRun({ datasets: [makeDataset({ scores: flipped(20, 15, 3, 0) })] });
    const [gate] = evaluateGates({ run, baseline: small });
    expect(gate!.score).toBeCloseTo(-0.15, 12);
    expect(gate!.passed).toBe(true);
    expect(gate!.message).toContain('p=0.250 (exact McNemar)');
    expect(gate!.message).toContain('no significant change');
  });

  test('pair only case ids present in both runs', () => {
    const base = makeRun({ datasets: [makeDataset({ scores: { a: 1, b: 1, c: 0 } })] });
    const run = makeRun({ datasets: [makeDataset({ scores: { b: 0, c: 0, d: 1 } })] });
    const comparison = compareWithBaseline(run, base);
    expect(comparison.metrics[0]).toMatchObject({ nPaired: 2, regressions: ['b'], fixes: [] });
  });

  test('use the paired bootstrap for graded metrics and scale the minimum effect by the range', () => {
    const ratings = Array.from({ length: 80 }, (_, i) => 6 + (i % 4));
    const mt = (scores: number[]) =>
      makeDataset({ dataset: 'mt_bench', variant: 'single', metric: 'rating', kind: 'mean', range: [1, 10], scores });
    const base = makeRun({ datasets: [mt(ratings)] });
    const run = makeRun({ datasets: [mt(ratings.map((r, i) => (i % 2 === 0 ? r - 1 : r)))] });
    const [gate] = evaluateGates({ run, baseline: base });
    expect(gate!.threshold).toBeCloseTo(-0.18, 12);
    expect(gate!.score).toBeCloseTo(-0.5, 12);
    expect(gate!.passed).toBe(false);
    expect(gate!.message).toContain('(paired bootstrap)');
  });

  test('pass with a loud NOT COMPARABLE message when the prompt template changed', () => {
    const run = makeRun({ datasets: [makeDataset({ scores: flipped(1319, 1200, 100, 0), promptHash: 'new-prompt' })] });
    const [gate] = evaluateGates({ run, baseline });
    expect(gate!.passed).toBe(true);
    expect(gate!.score).toBeNull();
    expect(gate!.message).toMatch(
      /^NOT COMPARABLE: gsm8k\/0shot strict vs baseline .* differs in prompt\.gsm8k\/0shot \(prompt-gsm8k-0shot → new-prompt\)/,
    );
  });

  test('fail an incomparable baseline when onIncomparable is fail', () => {
    const run = makeRun({ revision: 'rev2', datasets: [makeDataset({ scores: binaryScores(1319, 1200) })] });
    expect(evaluateGates({ run, baseline, onIncomparable: 'fail' })[0]!.passed).toBe(false);
  });

  test('refuse to compare a simulated run with a real baseline', () => {
    const run = makeRun({ simulation: 'gold', datasets: [makeDataset({ scores: binaryScores(1319, 1200) })] });
    expect(evaluateGates({ run, baseline })[0]!.message).toMatch(/^NOT COMPARABLE: .*simulated \(false → true\)/);
  });

  test('compare two simulated runs of different modes like two answer sets, so a rehearsed regression fails', () => {
    const gold = makeRun({ simulation: 'gold', datasets: [makeDataset({ scores: binaryScores(1319, 1319) })] });
    const mixed = makeRun({ simulation: 'mix:0.9', datasets: [makeDataset({ scores: binaryScores(1319, 1187) })] });
    expect(evaluateGates({ run: mixed, baseline: gold })[0]).toMatchObject({ passed: false, kind: 'baseline' });
  });

  test('still compare when only the GPU differs', () => {
    const run = makeRun({ gpuName: 'NVIDIA A100', datasets: [makeDataset({ scores: binaryScores(1319, 1200) })] });
    const [gate] = evaluateGates({ run, baseline });
    expect(gate!.message).toContain('0 regressions / 0 fixes over 1319 paired cases: no significant change');
  });

  test('only gate the primary metric unless asked for all metrics', () => {
    const ds = makeDataset({ scores: binaryScores(10, 8), extra: { flexible: binaryScores(10, 9) } });
    const base = makeRun({ datasets: [ds] });
    const run = makeRun({ datasets: [ds] });
    expect(evaluateGates({ run, baseline: base }).map((g) => g.metric)).toEqual(['strict']);
    expect(evaluateGates({ run, baseline: base, metrics: 'all' }).map((g) => g.metric)).toEqual(['strict', 'flexible']);
  });

  test('pass with a note when no case is scored in both runs', () => {
    const base = makeRun({ datasets: [makeDataset({ scores: { a: 1 } })] });
    const run = makeRun({ datasets: [makeDataset({ scores: { b: 1 } })] });
    const [gate] = evaluateGates({ run, baseline: base });
    expect(gate).toMatchObject({ passed: true, score: null });
    expect(gate!.message).toContain('no case scored in both runs');
  });

  test('reject alpha outside (0, 1)', () => {
    expect(() => evaluateGates({ run: baseline, baseline, alpha: 5 })).toThrow(/`alpha` must be between 0 and 1, received 5/);
  });
});

describe('formatGateReport', () => {
  test('summarises counts and lists failures first, then warnings, then passes', () => {
    const report = formatGateReport([
      { kind: 'threshold', dataset: 'a', metric: 'm', passed: true, score: 1, threshold: 0.5, ci: null, message: 'a ok' },
      {
        kind: 'baseline',
        dataset: 'b',
        metric: 'm',
        passed: true,
        note: 'not-comparable',
        score: null,
        threshold: -0.02,
        ci: null,
        message: 'NOT COMPARABLE: b',
      },
      { kind: 'threshold', dataset: 'c', metric: 'm', passed: false, score: 0, threshold: 0.5, ci: null, message: 'c bad' },
    ]);
    expect(report).toBe(
      [
        'Gates: 1 passed, 1 failed, 1 not comparable',
        '  FAIL  threshold  c bad',
        '  WARN  baseline   NOT COMPARABLE: b',
        '  PASS  threshold  a ok',
      ].join('\n'),
    );
  });

  test('lists a dataset without a baseline apart from passes and failures', () => {
    const report = formatGateReport([
      { kind: 'threshold', dataset: 'a', metric: 'm', passed: true, score: 1, threshold: 0.5, ci: null, message: 'a ok' },
      {
        kind: 'baseline',
        dataset: 'a',
        metric: 'm',
        passed: true,
        note: 'no-baseline',
        score: null,
        threshold: null,
        ci: null,
        message: 'NO BASELINE: a m: none covers',
      },
    ]);
    expect(report).toBe(
      [
        'Gates: 1 passed, 0 failed, 1 without a baseline',
        '  NONE  baseline   NO BASELINE: a m: none covers',
        '  PASS  threshold  a ok',
      ].join('\n'),
    );
  });

  test('says when no gate is configured', () => {
    expect(formatGateReport([])).toBe('Gates: none configured');
  });
});
