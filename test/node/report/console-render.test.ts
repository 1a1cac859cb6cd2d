import { describe, expect, test } from 'vitest';
import {
  addCase,
  newProgress,
  quarterReached,
  renderProgressLine,
  renderRunSummary,
  type RunSummary,
} from '../../../src/node/report/console-render.ts';
import { uncheckedKernel } from '../../../src/node/server/quantization-kernel.ts';
import { NO_QUALITY_ISSUES, type CaseRecord } from '../../../src/shared/records/case-record.ts';
import type { GateResult, RunRecord } from '../../../src/shared/records/run-record.ts';
import { binaryScores, makeDataset, makeRun } from '../tracker/fixtures.ts';

function caseRecord(caseId: string, verdict: CaseRecord['verdict'], error?: string): CaseRecord {
  return {
    runId: 'r',
    simulation: null,
    dataset: 'gsm8k',
    variant: '0shot',
    caseId,
    prompt: '',
    response: verdict === 'error' ? null : '17',
    expected: '18',
    extracted: { strict: verdict === 'error' ? null : '17' },
    scores: { strict: verdict === 'correct' ? 1 : verdict === 'error' ? null : 0 },
    verdict,
    ...(error ? { error: { name: 'RequestError', message: error } } : {}),
    usage: { promptTokens: null, completionTokens: null },
    timing: { requests: 1, ttftMs: null, latencyMs: 1 },
    quality: NO_QUALITY_ISSUES,
  };
}

function summaryOf(record: RunRecord, cases: CaseRecord[] = []): RunSummary {
  return {
    record,
    recordPath: 'results/runs/r.json',
    casesPath: 'results/cases/r.jsonl',
    trackerPath: 'results/TRACKER.md',
    cases,
    resumeCommand: 'EVAL_RESUME=r pnpm vitest run --project qwen3_8b',
  };
}

const failedGate: GateResult = {
  kind: 'threshold',
  dataset: 'gsm8k/0shot',
  metric: 'strict',
  passed: false,
  score: 0.7,
  threshold: 0.85,
  ci: null,
  message: 'gsm8k/0shot strict 0.700 < 0.850',
};

describe('progress lines', () => {
  test('show done of total, the running primary score and the wrong count', () => {
    const progress = newProgress('qwen3_8b', 'gsm8k/0shot', 'strict', 4);
    addCase(progress, caseRecord('0', 'correct'));
    addCase(progress, caseRecord('1', 'wrong'));
    expect(renderProgressLine(progress)).toMatch(/qwen3_8b gsm8k\/0shot\s+2\/4\s+strict 0\.500\s+\(wrong 1\)$/);
  });

  test('an error counts as done but not in the running score', () => {
    const progress = newProgress('p', 'gsm8k/0shot', 'strict', 2);
    addCase(progress, caseRecord('0', 'correct'));
    addCase(progress, caseRecord('1', 'error', 'boom'));
    expect(renderProgressLine(progress)).toMatch(/2\/2\s+strict 1\.000\s+\(errors 1\)$/);
  });

  test('are due once per quarter on a non-terminal log, however many cases there are', () => {
    const progress = newProgress('p', 'k', 'strict', 1000);
    let printed = 0;
    for (let i = 0; i < 1000; i++) {
      addCase(progress, caseRecord(String(i), 'correct'));
      if (quarterReached(progress)) printed += 1;
    }
    expect(printed).toBe(4);
  });
});

describe('the run summary', () => {
  test('ends with the run record, cases and tracker paths', () => {
    const lines = renderRunSummary(summaryOf(makeRun()));
    expect(lines.slice(-3)).toEqual([
      '  run record: results/runs/r.json',
      '  cases:      results/cases/r.jsonl',
      '  tracker:    results/TRACKER.md',
    ]);
  });

  test('heads a run with a failed gate GATE FAILED and lists the failed gate', () => {
    const text = renderRunSummary(summaryOf(makeRun({ gates: [failedGate] }))).join('\n');
    expect(text).toMatch(/GATE FAILED .*1 gate\(s\) failed/);
    expect(text).toMatch(/FAIL\s+threshold\s+gsm8k\/0shot strict 0\.700 < 0\.850/);
  });

  test('heads a shard whose share missed a gate as complete, the gate advisory until the merge', () => {
    const text = renderRunSummary(summaryOf(makeRun({ gates: [failedGate], shard: { index: 2, count: 3 } }))).join('\n');
    expect(text).not.toContain('GATE FAILED');
    expect(text).toMatch(/shard 2\/3: complete; 1 gate\(s\) missed on this shard's share .*qwen-evals merge/);
  });

  test('has one table row per dataset with score, interval, n and verdict counts', () => {
    const record = makeRun({
      datasets: [
        makeDataset({ scores: binaryScores(10, 8) }),
        makeDataset({ dataset: 'arc_challenge', variant: 'default', metric: 'acc', scores: binaryScores(4, 4) }),
      ],
    });
    const lines = renderRunSummary(summaryOf(record));
    expect(lines.find((l) => l.includes('gsm8k/0shot'))).toMatch(
      /strict 0\.800\s+\S+\s+n=10 of 10\s+8 ok, 2 wrong, 0 unparseable, 0 errors/,
    );
    expect(lines.find((l) => l.includes('arc_challenge/default'))).toMatch(/acc 1\.000/);
  });

  test('lists the first five wrong case ids of a dataset in id order, and says there are more', () => {
    const record = makeRun({ datasets: [makeDataset({ scores: binaryScores(20, 10) })] });
    const text = renderRunSummary(summaryOf(record)).join('\n');
    expect(text).toContain('gsm8k/0shot: 10 wrong or unparseable, e.g. 10, 11, 12, 13, 14, …');
  });

  test('groups pipeline errors by message', () => {
    const record = makeRun({ datasets: [makeDataset({ scores: [1, null, null] })] });
    const cases = [caseRecord('1', 'error', 'HTTP 500 from the server'), caseRecord('2', 'error', 'HTTP 500 from the server')];
    const text = renderRunSummary(summaryOf(record, cases)).join('\n');
    expect(text).toContain('gsm8k/0shot: 2 case(s) failed to run');
    expect(text).toContain('2x HTTP 500 from the server (1, 2)');
  });

  test("says a reasoning model's thinking switch and mean reasoning tokens, and warns when the harness split the thinking", () => {
    const reasoning = { cases: 6, meanTokens: 41.5, tokensUnknown: 0, splitByHarness: 6 };
    const record = makeRun({
      reasoning: { parser: 'qwen3', thinking: true },
      datasets: [makeDataset({ scores: binaryScores(6, 6), reasoning })],
    });
    const text = renderRunSummary(summaryOf(record)).join('\n');
    expect(text).toContain('(Qwen/Qwen2.5-7B-Instruct, thinking on), preset default');
    expect(text).toContain('  reasoning  gsm8k/0shot: mean 42 tokens per case over 6 case(s)');
    expect(text).toMatch(/WARN {2}reasoning: gsm8k\/0shot: 6 answer\(s\) came with <think>…<\/think>.*without --reasoning-parser/);
  });

  test('prints the resume command for an interrupted run only', () => {
    const interrupted = renderRunSummary(summaryOf(makeRun({ status: 'interrupted' })));
    expect(interrupted.at(-1)).toBe('  resume:     EVAL_RESUME=r pnpm vitest run --project qwen3_8b');
    expect(interrupted[1]).toMatch(/INTERRUPTED/);
    expect(renderRunSummary(summaryOf(makeRun())).join('\n')).not.toContain('resume:');
  });

  test('warns when the model under test grades its own answers, and only then', () => {
    const judged = (judgeSource: 'self' | 'external' | 'scripted') =>
      renderRunSummary(
        summaryOf(
          makeRun({
            datasets: [
              makeDataset({
                dataset: 'mt_bench',
                variant: 'single',
                metric: 'rating',
                kind: 'mean',
                range: [1, 10],
                scores: [8, 9],
                judge: 'Qwen/Qwen2.5-7B-Instruct',
                judgeSource,
              }),
            ],
          }),
        ),
      ).join('\n');
    expect(judged('self')).toMatch(
      /WARN {2}judge: mt_bench\/single is graded by the model under test \(Qwen\/Qwen2\.5-7B-Instruct\).*judge\.baseUrl and judge\.model/,
    );
    expect(judged('external')).not.toContain('WARN  judge');
    expect(judged('scripted')).not.toContain('WARN  judge');
  });

  test('labels a simulated run and its throughput as simulated', () => {
    const text = renderRunSummary(
      summaryOf(
        makeRun({ simulation: 'gold', performance: { outputTokensPerSec: 100, requestsPerSec: 2, meanInFlight: 3, inFlightLimit: 8 } }),
      ),
    ).join('\n');
    expect(text).toContain('SIMULATED (gold)');
    expect(text).toContain('throughput (simulated): 100.0 output tok/s');
  });

  test("says an external server's kernel cannot be checked for a quantized model, and nothing for a full one", () => {
    const withKernel = (modelId: string) => {
      const record = makeRun({ modelId });
      record.server.quantizationKernel = uncheckedKernel('the server at http://gpu:8000');
      return renderRunSummary(summaryOf(record)).join('\n');
    };
    expect(withKernel('Qwen/Qwen2.5-14B-Instruct-AWQ')).toContain(
      'NOTE  quantization kernel cannot be checked: the server at http://gpu:8000 was not launched by the harness',
    );
    expect(withKernel('Qwen/Qwen2.5-14B-Instruct')).not.toContain('quantization kernel');
  });
});
