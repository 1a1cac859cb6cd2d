import type { CaseRecord } from '../../shared/records/case-record.ts';
import type { DatasetPerformance } from '../../shared/records/dataset-performance.ts';
import { percentiles } from './percentiles.ts';

/** A dataset's timings from its case records (answered cases only; rates from cases that made one request). */
export function buildDatasetPerformance(cases: readonly CaseRecord[]): DatasetPerformance {
  const answered = cases.filter((c) => c.verdict !== 'error');
  const prompts = answered.map((c) => c.usage.promptTokens).filter((n): n is number => n !== null);
  const single = answered.filter((c) => c.timing.requests === 1 && c.timing.ttftMs !== null && c.timing.ttftMs > 0);
  const prefill = single.flatMap((c) => (c.usage.promptTokens === null ? [] : [(c.usage.promptTokens * 1000) / c.timing.ttftMs!]));
  const decode = single.flatMap((c) => {
    const decodeMs = c.timing.latencyMs - c.timing.ttftMs!;
    const tokens = (c.usage.completionTokens ?? 0) - 1;
    return tokens > 0 && decodeMs > 0 ? [(tokens * 1000) / decodeMs] : [];
  });
  return {
    cases: answered.length,
    promptTokensMean: prompts.length ? prompts.reduce((a, b) => a + b, 0) / prompts.length : null,
    ttftMs: percentiles(answered.map((c) => c.timing.ttftMs).filter((t): t is number => t !== null)),
    latencyMs: percentiles(answered.map((c) => c.timing.latencyMs)),
    prefillTokensPerSec: percentiles(prefill)?.p50 ?? null,
    decodeTokensPerSec: percentiles(decode)?.p50 ?? null,
  };
}
