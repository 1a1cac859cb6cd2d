import { describe, expect, test } from 'vitest';
import { buildRunRecord, type RunRecordInput } from '../../../src/node/report/build-run-record.ts';
import type { CaseRecord } from '../../../src/shared/records/case-record.ts';
import { FAKE_RUN } from '../../helpers/fake-client.ts';
import { caseRecord, SUITE } from '../../shared/history/cases.ts';

// What the server did in a run: answers from the response cache and replayed answers cost it nothing.

const asked = (id: string, latencyMs: number): CaseRecord => ({
  ...caseRecord(id, { pass: true }),
  usage: { promptTokens: 100, completionTokens: 40 },
  timing: { requests: 1, ttftMs: latencyMs / 10, latencyMs },
});
const cached = (id: string): CaseRecord => ({
  ...asked(id, 2),
  cache: { hits: 1, promptTokens: 100, completionTokens: 40 },
});

function build(cases: CaseRecord[], extra: Partial<RunRecordInput> = {}) {
  return buildRunRecord({
    runId: 'run',
    startedAt: '2026-11-28T10:00:00.000Z',
    run: FAKE_RUN,
    server: null,
    suites: [{ ...SUITE, selected: cases.length }],
    cases,
    gates: [],
    reason: 'passed',
    serverFailure: null,
    finishedAt: new Date('2026-11-28T10:01:00.000Z'),
    dispatcher: { requests: 2, completed: 2, failed: 0, busyMs: 1000, meanInFlight: 1, cacheHits: 1 },
    git: { commit: null, branch: null },
    gpu: { name: null, memoryMiB: null },
    clientCpuMs: null,
    benchmarks: null,
    serverMetrics: null,
    ...extra,
  });
}

describe('run performance', () => {
  test('leaves answers from the response cache out of tokens, latency and time to first token', () => {
    const { performance } = build([asked('0', 3000), asked('1', 1000), cached('2')]);
    expect(performance).toMatchObject({ cacheHits: 1, requests: 2, promptTokens: 200, completionTokens: 80 });
    expect(performance.latencyMs?.p50).toBe(2000);
    expect(performance.ttftMs?.p50).toBe(200);
  });

  test('measures nothing of the server for replayed answers, and names the replayed run', () => {
    const replayed = [asked('0', 3000)].map((c) => ({ ...c, replayOf: 'stored' }));
    const record = build(replayed, {
      run: { ...FAKE_RUN, replay: { runId: 'stored', casesFile: 'c', recordFile: 'r', promptHashes: {} } },
      dispatcher: { requests: 0, completed: 0, failed: 0, busyMs: 0, meanInFlight: null, cacheHits: 0 },
    });
    expect(record.replayOf).toBe('stored');
    expect(record.performance).toMatchObject({ requests: 0, completionTokens: 0, outputTokensPerSec: null });
    expect(record.performance.latencyMs).toBeNull();
  });
});
