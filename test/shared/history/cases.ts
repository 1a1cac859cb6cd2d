// Case records and the run records built from them, for the pairing and unstable-case tests.
import { buildDatasetResult } from '../../../src/shared/records/dataset-result.ts';
import type { CaseRecord } from '../../../src/shared/records/case-record.ts';
import type { DatasetResult } from '../../../src/shared/records/run-record.ts';
import type { SuiteMeta } from '../../../src/shared/records/suite-meta.ts';

/** One case as a test describes it: its prompt, its answer and whether the answer passed. */
export interface CaseSketch {
  prompt?: string;
  response?: string;
  pass: boolean;
}

export const SUITE: SuiteMeta = {
  dataset: 'gsm8k',
  variant: '0shot',
  label: 'GSM8K',
  primaryMetric: 'strict',
  metricSpecs: [{ name: 'strict', kind: 'proportion', description: 'boxed', range: [0, 1] }],
  pins: [{ repository: 'openai/grade-school-math', commit: 'abc', path: 'test.jsonl', sha256: 'sha' }],
  promptHash: 'p1',
  datasetSize: 100,
  selected: 0,
  judge: null,
};

/** A case record with the sketch's prompt, response and verdict (defaults: prompt `q<id>`, response `a<id>`). */
export function caseRecord(id: string, sketch: CaseSketch, runId = 'run'): CaseRecord {
  return {
    runId,
    simulation: null,
    dataset: 'gsm8k',
    variant: '0shot',
    caseId: id,
    prompt: sketch.prompt ?? `q${id}`,
    response: sketch.response ?? `a${id}`,
    expected: '1',
    extracted: { strict: sketch.pass ? '1' : '2' },
    scores: { strict: sketch.pass ? 1 : 0 },
    verdict: sketch.pass ? 'correct' : 'wrong',
    usage: { promptTokens: 1, completionTokens: 1 },
    timing: { requests: 1, ttftMs: 1, latencyMs: 1 },
    quality: { truncated: 0, overLength: 0, capped: 0, retries: 0 },
  };
}

/** A gsm8k dataset result from sketches keyed by case id. */
export function datasetOf(cases: Record<string, CaseSketch>, suite: Partial<SuiteMeta> = {}): DatasetResult {
  return buildDatasetResult(
    { ...SUITE, ...suite },
    Object.entries(cases).map(([id, sketch]) => caseRecord(id, sketch)),
  );
}

/** `n` passing cases `0`..`n-1` with default prompts and answers. */
export function passing(n: number): Record<string, CaseSketch> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), { pass: true }]));
}
