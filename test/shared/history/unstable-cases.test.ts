import { describe, expect, test } from 'vitest';
import { findUnstableCases, unstableIdsByDataset } from '../../../src/shared/history/unstable-cases.ts';
import { makeRun, type RunFixture } from '../../node/tracker/fixtures.ts';
import { datasetOf, passing, type CaseSketch } from './cases.ts';

// Unstable cases: a verdict that flips between runs in which nothing that changes scores differed.

const run = (cases: Record<string, CaseSketch>, extra: RunFixture = {}, suite: Parameters<typeof datasetOf>[1] = {}) =>
  makeRun({ datasets: [datasetOf(cases, suite)], ...extra });
const flippedTwo = { ...passing(4), '2': { response: 'other', pass: false } };

describe('unstable cases', () => {
  test('are cases that passed in one run and failed in another with identical fingerprints and another answer', () => {
    const unstable = findUnstableCases([run(passing(4)), run(flippedTwo, { preset: 'throughput' })]);
    expect(unstable).toEqual([{ modelKey: 'qwen2_5_7b', simulation: null, dataset: 'gsm8k/0shot', caseId: '2', runs: 2, passes: 1 }]);
  });

  test('are not flips after a prompt edit', () => {
    expect(findUnstableCases([run(passing(4)), run(flippedTwo, {}, { promptHash: 'edited' })])).toEqual([]);
  });

  test('are not the same answer scored differently (a scorer edit)', () => {
    expect(findUnstableCases([run(passing(4)), run({ ...passing(4), '2': { pass: false } })])).toEqual([]);
  });

  test('are not found in replays, which score the same answers again', () => {
    expect(findUnstableCases([run(passing(4)), run(flippedTwo, { replayOf: 'r1' })])).toEqual([]);
  });

  test('are not flips between two simulation modes', () => {
    expect(findUnstableCases([run(passing(4), { simulation: 'gold' }), run(flippedTwo, { simulation: 'mix:0.75' })])).toEqual([]);
  });

  test('are listed per dataset for one model and simulation mode', () => {
    const unstable = findUnstableCases([run(passing(4)), run(flippedTwo), run(passing(4), { modelKey: 'other' })]);
    expect(unstableIdsByDataset(unstable, 'qwen2_5_7b', null)).toEqual({ 'gsm8k/0shot': ['2'] });
    expect(unstableIdsByDataset(unstable, 'qwen2_5_7b', 'gold')).toEqual({});
  });
});
