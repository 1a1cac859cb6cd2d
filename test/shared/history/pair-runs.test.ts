import { describe, expect, test } from 'vitest';
import { pairDataset, pairRuns, pairingSides } from '../../../src/shared/history/pair-runs.ts';
import { exactMcNemar } from '../../../src/shared/stats/mcnemar.ts';
import { makeRun } from '../../node/tracker/fixtures.ts';
import { datasetOf, passing } from './cases.ts';

// A re-run paired case by case with the run it follows: the change, its p-value, the flipped cases and what the
// change comes from.

const side = (runId: string, cases: Parameters<typeof datasetOf>[0], suite: Parameters<typeof datasetOf>[1] = {}) => {
  const run = makeRun({ runId, datasets: [datasetOf(cases, suite)] });
  return pairingSides(run).get('gsm8k/0shot')!;
};

describe('pairing a dataset with the previous run', () => {
  test('calls edited prompts a prompt change and lists the broken cases with the exact McNemar p-value', () => {
    const before = side('r1', passing(10));
    const after = side(
      'r2',
      {
        ...passing(10),
        '0': { prompt: 'q0 in dollars', response: 'no idea', pass: false },
        '2': { prompt: 'q2 in dollars', response: 'no idea', pass: false },
        '5': { prompt: 'q5 in dollars', response: 'no idea', pass: false },
      },
      { promptHash: 'p2' },
    );
    const pairing = pairDataset('gsm8k/0shot', before, after);
    expect(pairing).toMatchObject({ previousRunId: 'r1', before: 1, after: 0.7, broken: ['0', '2', '5'], fixed: [], causes: ['prompt'] });
    expect(pairing.changes).toEqual({ prompts: 3, answers: 0, scoring: 0 });
    expect(pairing.p).toBe(exactMcNemar(3, 0));
    expect(pairing.diff).toBeCloseTo(-0.3, 10);
  });

  test('calls the same answers scored differently a scorer change', () => {
    const before = side('r1', { ...passing(4), '3': { pass: false } });
    const after = side('r2', passing(4));
    const pairing = pairDataset('gsm8k/0shot', before, after);
    expect(pairing).toMatchObject({ fixed: ['3'], broken: [], causes: ['scorer'], changes: { prompts: 0, answers: 0, scoring: 1 } });
  });

  test('calls other answers to the same prompts noise when nothing else changed', () => {
    const before = side('r1', passing(4));
    const after = side('r2', { ...passing(4), '1': { response: 'another answer', pass: false } });
    expect(pairDataset('gsm8k/0shot', before, after)).toMatchObject({ broken: ['1'], causes: ['answers'] });
  });

  test('calls changed dataset files a data change', () => {
    const before = side('r1', passing(3));
    const after = side('r2', passing(3), { pins: [{ repository: 'x', commit: 'y', path: 'test.jsonl', sha256: 'other' }] });
    expect(pairDataset('gsm8k/0shot', before, after).causes).toEqual(['data']);
  });

  test('finds no change when prompts, answers and scores are the same', () => {
    const pairing = pairDataset('gsm8k/0shot', side('r1', passing(3)), side('r2', passing(3)));
    expect(pairing).toMatchObject({ causes: [], fixed: [], broken: [], p: 1, diff: 0 });
  });

  test('marks flipped cases known to be unstable', () => {
    const before = side('r1', passing(4));
    const after = side('r2', { ...passing(4), '1': { response: 'x', pass: false }, '2': { response: 'y', pass: false } });
    expect(pairDataset('gsm8k/0shot', before, after, ['2', '3']).unstable).toEqual(['2']);
  });

  test('falls back on the fingerprint prompt hash for records without case hashes', () => {
    const strip = (s: ReturnType<typeof side>) => ({
      ...s,
      result: {
        ...s.result,
        cases: Object.fromEntries(Object.entries(s.result.cases).map(([id, c]) => [id, { verdict: c.verdict, scores: c.scores }])),
      },
    });
    const pairing = pairDataset('gsm8k/0shot', strip(side('r1', passing(2))), strip(side('r2', passing(2), { promptHash: 'p2' })));
    expect(pairing.causes).toEqual(['prompt']);
  });
});

describe('pairing a run', () => {
  test('pairs only the datasets the previous runs had, and says what kind of pairing it is', () => {
    const run = makeRun({ runId: 'r2', datasets: [datasetOf(passing(2)), datasetOf(passing(2), { dataset: 'arc', variant: 'chat' })] });
    const previous = pairingSides(makeRun({ runId: 'r1', datasets: [datasetOf(passing(2))] }));
    const pairing = pairRuns(previous, run, { kind: 'watch', trigger: 'src/evals/gsm8k/prompt.ts' });
    expect(pairing).toMatchObject({ kind: 'watch', trigger: 'src/evals/gsm8k/prompt.ts' });
    expect(Object.keys(pairing!.datasets)).toEqual(['gsm8k/0shot']);
  });

  test('is null when no dataset was in a previous run', () => {
    expect(pairRuns(new Map(), makeRun({ datasets: [datasetOf(passing(2))] }), { kind: 'watch' })).toBeNull();
  });
});
