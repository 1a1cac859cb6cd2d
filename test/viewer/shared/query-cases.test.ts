import { describe, expect, test } from 'vitest';
import { MAX_PAGE_SIZE, matchesVerdict, queryCases } from '../../../src/shared/viewer/query-cases.ts';
import { makeCaseRecords, threeRuns } from '../fixtures.ts';

const cases = makeCaseRecords(threeRuns().base);
const all = { verdict: 'all', search: '', offset: 0, limit: 100 } as const;

describe('queryCases', () => {
  test('the verdict filter keeps only that verdict, in file order', () => {
    const page = queryCases(cases, { ...all, verdict: 'wrong' });
    expect(page.cases.map((c) => c.caseId)).toEqual(['15', '16', '17', '18', '19']);
    expect(page.total).toBe(5);
  });

  test('verdict counts cover every verdict of the searched cases, whatever the verdict filter', () => {
    expect(queryCases(cases, { ...all, verdict: 'wrong' }).counts).toEqual({ correct: 15, wrong: 5, unparseable: 0, graded: 0, error: 0 });
  });

  test('search matches every term, case-insensitively, in prompt, response and answers', () => {
    expect(queryCases(cases, { ...all, search: 'TIMES 12?' }).cases.map((c) => c.caseId)).toEqual(['12']);
    expect(queryCases(cases, { ...all, search: 'boxed{106}' }).cases.map((c) => c.caseId)).toEqual(['15']);
    expect(queryCases(cases, { ...all, search: 'question nothing-like-this' }).total).toBe(0);
  });

  test('a page is the slice at its offset; the total counts every match', () => {
    const page = queryCases(cases, { ...all, offset: 18, limit: 5 });
    expect(page.cases.map((c) => c.caseId)).toEqual(['18', '19']);
    expect(page.total).toBe(20);
  });

  test('a page never exceeds the largest page size', () => {
    const many = Array.from({ length: MAX_PAGE_SIZE + 5 }, (_, i) => ({ ...cases[0]!, caseId: String(i) }));
    expect(queryCases(many, { ...all, limit: 10_000 }).cases).toHaveLength(MAX_PAGE_SIZE);
  });

  test('the dataset filter keeps only that dataset key', () => {
    expect(queryCases(cases, { ...all, dataset: 'gsm8k/0shot' }).total).toBe(20);
    expect(queryCases(cases, { ...all, dataset: 'gsm8k/8shot' }).total).toBe(0);
  });

  test('"failed" means wrong, unparseable or error', () => {
    expect(['correct', 'wrong', 'unparseable', 'graded', 'error'].filter((v) => matchesVerdict(v as never, 'failed'))).toEqual([
      'wrong',
      'unparseable',
      'error',
    ]);
  });
});
