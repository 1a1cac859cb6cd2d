import { beforeAll, describe, test, type TestContext } from 'vitest';
import type { EvalClient, SamplingParams } from './client/chat.ts';
import { isFatalServerError } from './client/chat.ts';
import { describeError, EvalError } from '../shared/errors.ts';
import type { CaseRecord } from '../shared/records/case-record.ts';
import type { MetricSpec } from '../shared/records/metric.ts';
import type { DatasetPin } from '../shared/records/run-record.ts';
import { datasetKey, type SuiteMeta } from '../shared/records/suite-meta.ts';
import { injectEvalContext } from './context.ts';
import { checkThresholds } from './check-thresholds.ts';
import { getEvalClient, getSampling } from './eval-client.ts';
import { loadResumedCases } from './resume.ts';

/** What a case run returns; identity fields are filled in by the suite. */
export type CaseOutcome = Omit<CaseRecord, 'dataset' | 'variant' | 'caseId'>;

export interface CaseContext {
  client: EvalClient;
  sampling: SamplingParams;
  signal: AbortSignal;
}

export interface EvalSuiteDefinition<C> {
  dataset: string;
  variant: string;
  label: string;
  primaryMetric: string;
  metricSpecs: MetricSpec[];
  pins: DatasetPin[];
  promptHash: string;
  datasetSize: number;
  judge?: { model: string; baseUrl: string } | null;
  /** The selected cases (EVAL_LIMIT already applied). */
  cases: C[];
  caseId(item: C): string;
  /** @default the run's client (one per worker, through the dispatcher) */
  client?: EvalClient;
  /** @default the run's sampling (config `sampling`) */
  sampling?: SamplingParams;
  /** Minimum scores for this dataset key, per metric. @default config `thresholds[model][dataset/variant]` */
  thresholds?: Record<string, number>;
  /** Ask the server and score the answer. Throw only for a broken pipeline; a wrong answer is an outcome. */
  runCase(item: C, context: CaseContext): Promise<CaseOutcome>;
}

// The first fatal server error of this worker; later cases skip instead of repeating it.
let fatalError: unknown = null;

// Register one Vitest test per case plus a gate test that runs after all of them.
export function defineEvalSuite<C>(definition: EvalSuiteDefinition<C>): void {
  const key = datasetKey(definition);
  const suiteMeta: SuiteMeta = {
    dataset: definition.dataset,
    variant: definition.variant,
    label: definition.label,
    primaryMetric: definition.primaryMetric,
    metricSpecs: definition.metricSpecs,
    pins: definition.pins,
    promptHash: definition.promptHash,
    datasetSize: definition.datasetSize,
    selected: definition.cases.length,
    judge: definition.judge ?? null,
  };
  const records: CaseRecord[] = [];
  const { server, run } = injectEvalContext();
  const client = definition.client ?? getEvalClient(server, run);
  const sampling = definition.sampling ?? getSampling(run);
  const thresholds = definition.thresholds ?? run.thresholds[key] ?? {};
  const resumeFrom = run.resumeFrom;
  const resumed = resumeFrom ? loadResumedCases(resumeFrom, definition.dataset, definition.variant) : new Map<string, CaseRecord>();

  describe(definition.label, () => {
    beforeAll(({}, suite) => {
      suite.meta.evalSuite = suiteMeta;
    });

    for (const item of definition.cases) {
      const caseId = definition.caseId(item);
      // Concurrent explicitly: cases must not depend on the project's `sequence.concurrent` being inherited.
      test(`${key} ${caseId}`, { concurrent: true }, async (context) => {
        // EVAL_RESUME: a case the earlier run recorded is kept as it was, without asking again.
        const record = resumed.get(caseId) ?? (await evaluateCase(definition, item, caseId, { client, sampling }, context));
        records.push(record);
        context.task.meta.evalCase = record;
        if (record.verdict === 'error') throw reviveError(record);
      });
    }

    test(`gate ${key}`, { concurrent: false }, () => {
      checkThresholds(key, definition.metricSpecs, records, thresholds);
    });
  });
}

async function evaluateCase<C>(
  definition: EvalSuiteDefinition<C>,
  item: C,
  caseId: string,
  runtime: { client: EvalClient; sampling: SamplingParams },
  context: TestContext,
): Promise<CaseRecord> {
  const identity = { dataset: definition.dataset, variant: definition.variant, caseId };
  if (fatalError) context.skip(`server is gone (first failure: ${(fatalError as Error).message.split('\n')[0]})`);
  const started = performance.now();
  try {
    const outcome = await definition.runCase(item, { ...runtime, signal: context.signal });
    return { ...identity, ...outcome };
  } catch (error) {
    if (isFatalServerError(error)) {
      if (fatalError) context.skip('server is gone; see the first failure');
      fatalError = error;
    }
    return {
      ...identity,
      prompt: '',
      response: null,
      expected: '',
      extracted: {},
      scores: {},
      verdict: 'error',
      error: describeError(error),
      usage: { promptTokens: 0, completionTokens: 0 },
      timing: { requests: 0, ttftMs: null, latencyMs: performance.now() - started },
    };
  }
}

function reviveError(record: CaseRecord): Error {
  const info = record.error!;
  const error = new EvalError((info.code as EvalError['code']) ?? 'EVAL_REQUEST_FAILED', info.message);
  error.name = info.name;
  return error;
}
