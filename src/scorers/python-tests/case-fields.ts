import type { CaseRecord } from '../../shared/records/case-record.ts';
import type { SandboxResult } from './sandbox/types.ts';

/** The part of a `CaseRecord` a code scorer fills. */
export type CodeCaseFields = Pick<CaseRecord, 'verdict' | 'extracted' | 'scores' | 'detail'>;

/** Metric name of the greedy pass/fail score. */
export const PASS_AT_1 = 'pass@1';

// Map a sandbox result (null = no code extracted) to verdict, extracted, scores and detail.
export function toCodeCaseFields(code: string | null, result: SandboxResult | null): CodeCaseFields {
  if (code === null || result === null) {
    return { verdict: 'unparseable', extracted: { code: null }, scores: { [PASS_AT_1]: 0 }, detail: { failureType: 'no_code' } };
  }
  const passed = result.status === 'passed';
  return {
    verdict: passed ? 'correct' : 'wrong',
    extracted: { code },
    scores: { [PASS_AT_1]: passed ? 1 : 0 },
    detail: {
      status: result.status,
      ...(passed ? {} : { failureType: result.status, failureDetail: result.detail }),
      ...(result.failingAssert !== undefined ? { failingAssert: result.failingAssert } : {}),
      ...(result.failingTest !== undefined ? { failingTest: result.failingTest } : {}),
      stderrTail: result.stderrTail.slice(-1000),
      durationMs: Math.round(result.durationMs),
      isolation: result.isolation.mode,
      judge: result.judge,
      python: `${result.isolation.python} ${result.isolation.pythonVersion}`,
      ...(result.retried ? { retried: true } : {}),
    },
  };
}
