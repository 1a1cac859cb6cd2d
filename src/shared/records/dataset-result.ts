// crypto.hash: one call, about half the CPU of a Hash object for short texts (Node 20.12+).
import { hash } from 'node:crypto';
import { summarizeMetric } from '../stats/summarize.ts';
import type { CaseRecord, Verdict } from './case-record.ts';
import type { DatasetCounts, DatasetQuality, DatasetReasoning, DatasetResult, RunCase } from './run-record.ts';
import type { SuiteMeta } from './suite-meta.ts';

// A dataset's result from its suite meta and case records: used by the worker's gate (the current run's side of a
// baseline comparison) and by the main process when it writes the run record, so both see the same numbers.

/** Build the per-dataset result: metrics with intervals over the scored cases, counts, quality counters, cases. */
export function buildDatasetResult(suite: SuiteMeta, cases: readonly CaseRecord[]): DatasetResult {
  const scored = cases.filter((c) => c.verdict !== 'error');
  const metrics: DatasetResult['metrics'] = {};
  for (const spec of suite.metricSpecs)
    metrics[spec.name] = summarizeMetric(
      spec,
      scored.map((c) => c.scores[spec.name] ?? null),
      scored.map((c) => c.units?.[spec.name] ?? null),
    );
  const entries: Record<string, RunCase> = {};
  for (const c of cases) {
    entries[c.caseId] = {
      verdict: c.verdict,
      scores: c.scores,
      ...(c.units ? { units: c.units } : {}),
      extracted: c.extracted,
      expected: c.expected,
      ...(c.error ? { error: c.error } : {}),
      promptHash: shortHash(c.prompt),
      ...(c.response !== null ? { responseHash: shortHash(c.response) } : {}),
    };
  }
  const { selected: _selected, ...facts } = suite;
  return {
    ...facts,
    metrics,
    counts: countVerdicts(cases),
    quality: sumQuality(cases),
    reasoning: summarizeReasoning(cases),
    cases: entries,
  };
}

// Reasoning per case (its answers' tokens summed), over the cases that had any.
function summarizeReasoning(cases: readonly CaseRecord[]): DatasetReasoning | null {
  const reasoned = cases.filter((c) => c.reasoning?.length);
  if (reasoned.length === 0) return null;
  const known = reasoned.map((c) => c.usage.reasoningTokens).filter((n): n is number => typeof n === 'number');
  return {
    cases: reasoned.length,
    meanTokens: known.length === 0 ? null : known.reduce((sum, n) => sum + n, 0) / known.length,
    tokensUnknown: reasoned.length - known.length,
    splitByHarness: reasoned.filter((c) => c.reasoning!.some((r) => r.splitBy === 'harness')).length,
  };
}

/** Hex digits of a case's prompt and response hashes: enough to tell texts apart, small in a run record. */
export const CASE_HASH_LENGTH = 12;

// A short content hash of a prompt or response.
export function shortHash(text: string): string {
  return hash('sha256', text).slice(0, CASE_HASH_LENGTH);
}

function countVerdicts(cases: readonly CaseRecord[]): DatasetCounts {
  const counts: DatasetCounts = { cases: cases.length, correct: 0, wrong: 0, unparseable: 0, graded: 0, error: 0 };
  for (const c of cases) {
    const verdict: Verdict = c.verdict;
    if (verdict === 'parser_failed') counts.parserFailed = (counts.parserFailed ?? 0) + 1;
    else counts[verdict] += 1;
  }
  return counts;
}

function sumQuality(cases: readonly CaseRecord[]): DatasetQuality {
  const quality: DatasetQuality = { truncated: 0, overLength: 0, capped: 0, retries: 0, contextLength: 0, usageMissing: 0 };
  for (const c of cases) {
    quality.truncated += c.quality.truncated;
    quality.overLength += c.quality.overLength;
    quality.capped += c.quality.capped;
    quality.retries += c.quality.retries;
    if (c.error?.kind === 'context-length') quality.contextLength += 1;
    if (c.response !== null && c.usage.completionTokens === null) quality.usageMissing += 1;
  }
  return quality;
}
