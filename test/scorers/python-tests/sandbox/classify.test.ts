import { describe, expect, test } from 'vitest';
import { ScorerError } from '../../../../src/shared/errors.ts';
import { classifyCase } from '../../../../src/scorers/python-tests/sandbox/classify.ts';
import type { CaseEnd, ProcessExit } from '../../../../src/scorers/python-tests/sandbox/worker-protocol.ts';

const NONCE = 'a'.repeat(32);
const exited = (over: Partial<ProcessExit> = {}): ProcessExit => ({ exit: 0, signal: null, cpuMs: 5, cpuLimit: false, ...over });
const end = (over: Partial<CaseEnd>): CaseEnd => ({
  seq: 1,
  judge: exited(),
  candidate: null,
  verdict: 'S\n',
  stdout: '',
  stderr: '',
  outputBytes: 0,
  timedOut: false,
  outputLimited: false,
  wallMs: 1,
  workerCpuMs: 1,
  anomaly: null,
  ...over,
});

describe('classifyCase', () => {
  test('one nonce PASS line with exit 0 is a pass', () => {
    expect(classifyCase(end({ verdict: `S\n${NONCE} PASS 3\n` }), NONCE)).toMatchObject({ status: 'passed', testMs: 3 });
  });

  test('exit 0 without a verdict line is not a pass', () => {
    expect(classifyCase(end({}), NONCE).status).toBe('failed');
  });

  test('a PASS line with another nonce is a violation', () => {
    expect(classifyCase(end({ verdict: `S\n${'b'.repeat(32)} PASS 3\n` }), NONCE).status).toBe('sandbox_violation');
  });

  test('two verdict lines are a violation even when both carry the nonce', () => {
    expect(classifyCase(end({ verdict: `S\n${NONCE} PASS 1\n${NONCE} PASS 1\n` }), NONCE).status).toBe('sandbox_violation');
  });

  test('a PASS line with a non-zero exit is a violation', () => {
    expect(classifyCase(end({ judge: exited({ exit: 1 }), verdict: `S\n${NONCE} PASS 1\n` }), NONCE).status).toBe('sandbox_violation');
  });

  test('a wall-clock kill is a timeout even after a PASS line', () => {
    expect(classifyCase(end({ timedOut: true, verdict: `S\n${NONCE} PASS 1\n` }), NONCE).status).toBe('timeout');
  });

  test('the failing assert and the message are unescaped', () => {
    const line = `${NONCE} FAIL assertion 2 AssertionError:\\x20n\\u00e9 assert\\x20f(1)\\x20==\\x20'\\\\n'`;
    expect(classifyCase(end({ judge: exited({ exit: 1 }), verdict: `S\n${line}\n` }), NONCE)).toMatchObject({
      status: 'assertion',
      failingTest: 2,
      detail: 'AssertionError: n\u00e9',
      failingAssert: "assert f(1) == '\\n'",
    });
  });

  test('a judge ended by its CPU limit without a verdict is a timeout', () => {
    expect(classifyCase(end({ judge: exited({ exit: null, signal: 24, cpuLimit: true }) }), NONCE).status).toBe('timeout');
  });

  test('a candidate process gone because of its CPU limit makes the case a timeout', () => {
    const verdict = `S\n${NONCE} FAIL candidate_gone 0 the\\x20candidate\\x20process\\x20ended assert\\x20f()\\x20==\\x201\n`;
    const candidate = exited({ exit: null, signal: 24, cpuLimit: true });
    expect(classifyCase(end({ judge: exited({ exit: 1 }), candidate, verdict }), NONCE)).toMatchObject({
      status: 'timeout',
      failingTest: 0,
    });
  });

  test('a candidate process that exited during a test makes the case a plain failure', () => {
    const verdict = `S\n${NONCE} FAIL candidate_gone 0 the\\x20candidate\\x20process\\x20ended -\n`;
    expect(classifyCase(end({ judge: exited({ exit: 1 }), candidate: exited(), verdict }), NONCE).status).toBe('failed');
  });

  test('a value that is not plain data fails the case without calling it a violation', () => {
    const verdict = `S\n${NONCE} FAIL not_plain 0 the\\x20call\\x20f()\\x20returned\\x20a\\x20generator -\n`;
    expect(classifyCase(end({ judge: exited({ exit: 1 }), verdict }), NONCE)).toMatchObject({
      status: 'failed',
      detail: 'the call f() returned a generator',
    });
  });

  test('a missing start marker is a harness error, not a model failure', () => {
    expect(() => classifyCase(end({ verdict: '' }), NONCE)).toThrow(ScorerError);
  });
});
