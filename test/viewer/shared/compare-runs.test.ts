import { describe, expect, test } from 'vitest';
import { classifyFlip, pairRuns, queryPairs } from '../../../src/shared/viewer/compare-runs.ts';
import { makeDataset, makeRun } from '../../node/tracker/fixtures.ts';
import { threeRuns } from '../fixtures.ts';

const { base, edited } = threeRuns();
const every = { flippedOnly: false, search: '', offset: 0, limit: 100 };

describe('pairRuns', () => {
  test('puts the fixed cases first, then the broken ones, then the unchanged', () => {
    const pairs = pairRuns(base, edited);
    expect(pairs.slice(0, 4).map((p) => `${p.flip} ${p.caseId}`)).toEqual(['fixed 15', 'fixed 16', 'broken 3', 'same 0']);
    expect(pairs).toHaveLength(20);
  });

  test('pairs by dataset key and case id: a case in one run only is said so', () => {
    const a = makeRun({ datasets: [makeDataset({ scores: { x: 1, y: 1 } })] });
    const b = makeRun({ datasets: [makeDataset({ scores: { y: 1, z: 0 } })] });
    expect(pairRuns(a, b).map((p) => `${p.flip} ${p.caseId}`)).toEqual(['only-a x', 'only-b z', 'same y']);
  });

  test('a verdict or graded score that moves without a pass/fail flip is "changed"', () => {
    expect(classifyFlip({ verdict: 'wrong', scores: { s: 0 } }, { verdict: 'unparseable', scores: { s: 0 } }, 's')).toBe('changed');
    expect(classifyFlip({ verdict: 'graded', scores: { s: 6 } }, { verdict: 'graded', scores: { s: 8 } }, 's')).toBe('changed');
    expect(classifyFlip({ verdict: 'graded', scores: { s: 6 } }, { verdict: 'graded', scores: { s: 6 } }, 's')).toBe('same');
  });
});

describe('queryPairs', () => {
  test('flipped-only keeps the fixed and broken cases; counts still cover every pair', () => {
    const page = queryPairs(pairRuns(base, edited), { ...every, flippedOnly: true });
    expect(page.pairs.map((p) => p.caseId)).toEqual(['15', '16', '3']);
    expect(page.counts).toEqual({ fixed: 2, broken: 1, changed: 0, 'only-a': 0, 'only-b': 0, same: 17 });
  });

  test('search finds a pair by its case id', () => {
    expect(queryPairs(pairRuns(base, edited), { ...every, search: '16' }).pairs.map((p) => p.caseId)).toEqual(['16']);
  });
});
