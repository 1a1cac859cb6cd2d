import { describe, expect, test } from 'vitest';
import { ScorerError } from '../../../../src/shared/errors.ts';
import { classifyOutcome } from '../../../../src/scorers/python-tests/sandbox/classify.ts';
import type { RawOutcome } from '../../../../src/scorers/python-tests/sandbox/spawn-judge.ts';

const NONCE = 'a'.repeat(32);
const raw = (over: Partial<RawOutcome>): RawOutcome => ({
  exitCode: 0, signal: null, timedOut: false, outputLimited: false, verdictText: 'S\n',
  stdoutTail: '', stderrTail: '', durationMs: 1, ...over,
});

describe('classifyOutcome', () => {
  test('one nonce PASS line with exit 0 is a pass', () => {
    expect(classifyOutcome(raw({ verdictText: `S\n${NONCE} PASS 3\n` }), NONCE)).toMatchObject({ status: 'passed', testMs: 3 });
  });

  test('exit 0 without a verdict line is not a pass', () => {
    expect(classifyOutcome(raw({}), NONCE).status).toBe('failed');
  });

  test('a PASS line with another nonce is a violation', () => {
    expect(classifyOutcome(raw({ verdictText: `S\n${'b'.repeat(32)} PASS 3\n` }), NONCE).status).toBe('sandbox_violation');
  });

  test('two verdict lines are a violation even when both carry the nonce', () => {
    const text = `S\n${NONCE} PASS 1\n${NONCE} PASS 1\n`;
    expect(classifyOutcome(raw({ verdictText: text }), NONCE).status).toBe('sandbox_violation');
  });

  test('a PASS line with a non-zero exit is a violation', () => {
    expect(classifyOutcome(raw({ exitCode: 1, verdictText: `S\n${NONCE} PASS 1\n` }), NONCE).status).toBe('sandbox_violation');
  });

  test('a wall-clock kill is a timeout even after a PASS line', () => {
    expect(classifyOutcome(raw({ timedOut: true, verdictText: `S\n${NONCE} PASS 1\n` }), NONCE).status).toBe('timeout');
  });

  test('the failing assert and the message are unescaped', () => {
    const line = `${NONCE} FAIL assertion 2 AssertionError:\\x20n\\u00e9 assert\\x20f(1)\\x20==\\x20'\\\\n'`;
    expect(classifyOutcome(raw({ exitCode: 1, verdictText: `S\n${line}\n` }), NONCE)).toMatchObject({
      status: 'assertion', failingTest: 2, detail: 'AssertionError: n\u00e9', failingAssert: "assert f(1) == '\\n'",
    });
  });

  test('exit code 124 without a verdict is a CPU timeout', () => {
    expect(classifyOutcome(raw({ exitCode: 124 }), NONCE).status).toBe('timeout');
  });

  test('a missing start marker is a harness error, not a model failure', () => {
    expect(() => classifyOutcome(raw({ verdictText: '' }), NONCE)).toThrow(ScorerError);
  });
});
