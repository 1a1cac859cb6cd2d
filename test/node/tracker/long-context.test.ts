import { describe, expect, test } from 'vitest';
import { buildDatasetPerformance } from '../../../src/node/report/dataset-performance.ts';
import { buildTrackerModel } from '../../../src/node/tracker/model.ts';
import { renderTrackerMarkdown } from '../../../src/node/tracker/render.ts';
import type { CaseRecord } from '../../../src/shared/records/case-record.ts';
import { makeDataset, makeRun } from './fixtures.ts';
import { config } from './history.ts';

// A case record with the timings that matter here.
function timedCase(promptTokens: number, ttftMs: number, latencyMs: number, completionTokens = 11, requests = 1): CaseRecord {
  return {
    runId: 'r',
    simulation: null,
    dataset: 'long_context',
    variant: '4k',
    caseId: String(promptTokens),
    prompt: '',
    response: 'x',
    expected: '',
    extracted: {},
    scores: {},
    verdict: 'correct',
    usage: { promptTokens, completionTokens },
    timing: { requests, ttftMs, latencyMs },
    quality: { truncated: 0, overLength: 0, capped: 0, retries: 0 },
  };
}

describe('timings per dataset', () => {
  test('measures prefill and decode per request from one-request cases, and TTFT over every answered case', () => {
    const performance = buildDatasetPerformance([
      timedCase(4000, 100, 200),
      timedCase(8000, 200, 300),
      timedCase(6000, 150, 250, 11, 3),
      { ...timedCase(9000, 1, 1), verdict: 'error' },
    ]);
    expect(performance.cases).toBe(3);
    expect(performance.promptTokensMean).toBe(6000);
    expect(performance.ttftMs!.p50).toBe(150);
    // 40000 tok/s from both one-request cases; 10 tokens in 100 ms after the first = 100 tok/s.
    expect(performance.prefillTokensPerSec).toBe(40_000);
    expect(performance.decodeTokensPerSec).toBe(100);
  });

  test('the tracker shows one timing row per length, labelled simulated for simulated runs, and notes YaRN', () => {
    const lengths = ['4k', '64k'].map((variant, i) => ({
      ...makeDataset({ dataset: 'long_context', variant, metric: 'score', kind: 'mean', scores: [1, 1] }),
      performance: buildDatasetPerformance([timedCase(4000 * 16 ** i, 100 * 16 ** i, 200 * 16 ** i)]),
    }));
    const run = makeRun({ datasets: lengths, simulation: 'gold' });
    run.server.ropeScaling = { type: 'yarn', factor: 4, originalMaxPositionEmbeddings: 32768 };
    const text = renderTrackerMarkdown(buildTrackerModel([run], config));
    expect(text).toContain('#### Timings per dataset — SIMULATED timing model');
    expect(text).toMatch(/\| long_context\/4k \| 4,000 \| 100 \/ 100 ms \| 200 \/ 200 ms \| 40,000 tok\/s \| 100 tok\/s \|/);
    expect(text).toMatch(/\| long_context\/64k \| 64,000 \| 1,600 \/ 1,600 ms \|/);
    expect(text).toContain('served with RoPE scaling yarn x4 from 32768');
    expect(text).toContain('- RoPE scaling: yarn x4 from 32768');
  });

  test('lists the lengths in numeric order', () => {
    const datasets = ['16k', '4k', '128k'].map((variant) =>
      makeDataset({ dataset: 'long_context', variant, metric: 'score', kind: 'mean', scores: [1] }),
    );
    const text = renderTrackerMarkdown(buildTrackerModel([makeRun({ datasets })], config));
    const at = (key: string) => text.indexOf(`| ${key} | score (primary)`);
    expect(at('long_context/4k')).toBeGreaterThan(-1);
    expect([at('long_context/4k'), at('long_context/16k'), at('long_context/128k')]).toEqual(
      [at('long_context/4k'), at('long_context/16k'), at('long_context/128k')].sort((a, b) => a - b),
    );
  });

  test('a run without timings shows no timing table', () => {
    const text = renderTrackerMarkdown(buildTrackerModel([makeRun({ datasets: [makeDataset({ scores: [1, 0] })] })], config));
    expect(text).not.toContain('Timings per dataset');
  });
});
