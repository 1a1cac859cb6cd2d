import { describe, expect, test } from 'vitest';
import { goodputOf, outcomeOf, summarizeRepeat } from '../../src/bench/measure.ts';
import type { RequestSample } from '../../src/bench/stream-request.ts';

// vllm bench serve's definitions (shared/vllm/bench.md, section 3) on hand-made request samples.

function sample(overrides: Partial<RequestSample> = {}): RequestSample {
  return {
    startMs: 0,
    ttftMs: 100,
    e2elMs: 1000,
    itlMs: [300, 300, 300],
    outputTokens: 10,
    promptTokens: 50,
    finishReason: 'length',
    error: null,
    endMs: 1000,
    ...overrides,
  };
}

const context = {
  durationMs: 2000,
  outputTokens: 10,
  slo: { ttftMs: null, tpotMs: null, e2elMs: null },
  peakConcurrency: 2,
  eventLoopUtilization: 0.1,
  sendLagMs: [0.5],
};

describe('summarizeRepeat', () => {
  test('TPOT is the decode time per token after the first', () => {
    const repeat = summarizeRepeat([sample()], context);
    expect(repeat.tpotMs?.median).toBeCloseTo((1000 - 100) / 9);
  });

  test('ITL pools every gap of every request', () => {
    const repeat = summarizeRepeat([sample({ itlMs: [10, 20] }), sample({ itlMs: [30] })], context);
    expect(repeat.itlMs?.mean).toBeCloseTo(20);
  });

  test('throughputs divide completed requests and their tokens by the duration', () => {
    const repeat = summarizeRepeat([sample(), sample()], context);
    expect([repeat.requestThroughput, repeat.outputThroughput, repeat.totalTokenThroughput]).toEqual([1, 10, 60]);
  });

  test('a request without any content event is failed, one cut short is incomplete, and neither enters the latencies', () => {
    const repeat = summarizeRepeat(
      [sample(), sample({ ttftMs: null, e2elMs: null, error: 'HTTP 500: boom' }), sample({ outputTokens: 4, ttftMs: 5 })],
      context,
    );
    expect([repeat.completed, repeat.failed, repeat.incomplete]).toEqual([1, 1, 1]);
    expect(repeat.ttftMs?.median).toBe(100);
    expect(repeat.firstError).toBe('HTTP 500: boom');
  });

  test('a stream that ended without a finish reason is incomplete', () => {
    expect(outcomeOf(sample({ finishReason: null }), 10)).toBe('incomplete');
  });
});

describe('goodput', () => {
  const samples = [sample({ ttftMs: 100 }), sample({ ttftMs: 400 }), sample({ ttftMs: 900 })];

  test('counts the requests meeting every SLO per second, and moves as the SLO moves', () => {
    const at = (ttftMs: number) => goodputOf(samples, { ttftMs, tpotMs: null, e2elMs: null }, 1000, 10);
    expect([at(50), at(200), at(500), at(1000)]).toEqual([0, 1, 2, 3]);
  });

  test('is null when no SLO is set', () => {
    expect(goodputOf(samples, { ttftMs: null, tpotMs: null, e2elMs: null }, 1000, 10)).toBeNull();
  });

  test('a TPOT SLO judges the decode time per token', () => {
    expect(goodputOf(samples, { ttftMs: null, tpotMs: 50, e2elMs: null }, 1000, 10)).toBe(1);
  });
});
