import type { BaselineCandidate, GateHistory, RunContext, ServerStatus } from '../shared/context.ts';
import { compareDatasetMetric } from '../shared/gates/compare.ts';
import { baselineGate, noBaselineGate, thresholdGates } from '../shared/gates/evaluate.ts';
import { compareFingerprints, computeFingerprint } from '../shared/history/fingerprint.ts';
import { kernelFingerprintValue } from '../shared/quantization-kernel.ts';
import { readRopeScaling } from '../shared/records/rope-scaling.ts';
import { type ComparedRun, readComparedRun } from '../shared/history/run-record-file.ts';
import type { CaseRecord } from '../shared/records/case-record.ts';
import { buildDatasetResult } from '../shared/records/dataset-result.ts';
import type { DatasetResult, GateResult } from '../shared/records/run-record.ts';
import type { RunSummary } from '../shared/records/run-summary.ts';
import type { SuiteMeta } from '../shared/records/suite-meta.ts';

// The gate test of each eval suite: thresholds, then the paired comparison with the newest baseline run that
// covers every case this suite ran. Running it as a test makes a failed gate a failed test: the Vitest tally and the
// exit code say the same thing as the run record.

/** What a suite's gate needs. */
export interface SuiteGateInput {
  key: string;
  suite: SuiteMeta;
  records: readonly CaseRecord[];
  thresholds: Record<string, number>;
  run: RunContext;
  server: ServerStatus;
  /** The baseline plan and unstable cases (getGateHistory). */
  history: GateHistory;
}

// Threshold gates, then the baseline gate of the primary metric.
export async function evaluateSuiteGates(input: SuiteGateInput): Promise<GateResult[]> {
  const current = buildDatasetResult(input.suite, input.records);
  const gates = thresholdGates(input.key, current, input.thresholds);
  if (input.history.baseline) gates.push(await baselineGateFor(input, current));
  return gates;
}

async function baselineGateFor(input: SuiteGateInput, current: DatasetResult): Promise<GateResult> {
  const { key, run } = input;
  const plan = input.history.baseline!;
  const metric = current.primaryMetric;
  const ids = input.records.map((r) => r.caseId);
  const found = await findCoveringBaseline(plan.candidates, key, ids, input.server.simulation);
  if (!found) {
    const partial = plan.candidates.filter((c) => (c.datasets[key] ?? 0) > 0);
    const reason =
      plan.candidates.length === 0
        ? `no run in ${plan.description} to compare with`
        : partial.length === 0
          ? `none of the ${plan.candidates.length} candidate run(s) in ${plan.description} evaluated ${key}`
          : `no run in ${plan.description} covers all ${ids.length} cases of this run (newest with ${key}: ${partial[0]!.runId}, ${partial[0]!.datasets[key]} cases)`;
    return noBaselineGate(key, metric, reason);
  }
  const fingerprint = compareFingerprints(found.record.fingerprint, currentFingerprint(input), { datasets: [key] });
  // Cases that flip between identical runs say nothing about this change: left out of the discordant pairs.
  const unstable = new Set(input.history.unstable[key] ?? []);
  const comparison = compareDatasetMetric(key, current, found.dataset, metric, fingerprint, { unstable });
  return baselineGate(comparison, found.record.runId, run.gates);
}

// Records that served as a baseline in this worker, shared by its suites (each validates the cases of its own
// dataset only). A candidate that does not cover a suite's cases is not kept: scanning a long history then holds one
// record at a time, not every one it read.
const records = new Map<string, Promise<ComparedRun>>();

// The newest candidate, simulated like this run or real like it, whose record has every case id of this run for the dataset.
async function findCoveringBaseline(
  candidates: readonly BaselineCandidate[],
  key: string,
  ids: readonly string[],
  simulation: string | null,
): Promise<{ record: RunSummary; dataset: DatasetResult } | null> {
  for (const candidate of candidates) {
    if ((candidate.datasets[key] ?? 0) < ids.length) continue;
    let pending = records.get(candidate.path);
    if (!pending) {
      pending = readComparedRun(candidate.path);
      records.set(candidate.path, pending);
    }
    const read = await pending.catch(() => null);
    const summary = read?.summary.datasets[key];
    const cases = casesOf(read, key);
    // Real answers are never compared with a simulator's (modes of the simulator compare like answer sets).
    const covers =
      read !== null &&
      summary !== undefined &&
      cases !== undefined &&
      (read.summary.simulation === null) === (simulation === null) &&
      ids.every((id) => cases[id] !== undefined && cases[id]!.verdict !== 'error');
    if (covers) return { record: read.summary, dataset: { ...summary, cases } };
    records.delete(candidate.path);
  }
  return null;
}

// The cases of a candidate's dataset; undefined when it has none or they are invalid (the candidate is passed over).
function casesOf(read: ComparedRun | null, key: string): DatasetResult['cases'] | undefined {
  try {
    return read?.cases(key);
  } catch {
    return undefined;
  }
}

// This run's fingerprint as far as the worker knows it: everything that decides comparability of this dataset.
function currentFingerprint(input: SuiteGateInput) {
  const { run, server, suite, key } = input;
  return computeFingerprint({
    model: { id: run.model.id, revision: run.model.revision, quantization: run.model.quantization },
    reasoning: run.model.reasoning,
    ropeScaling: readRopeScaling(server.command),
    simulation: server.simulation,
    preset: run.preset,
    serverCommand: server.command,
    vllmVersion: server.vllmVersion,
    gpuName: null,
    quantizationKernel: kernelFingerprintValue(server.quantizationKernel ?? null),
    sampling: run.sampling,
    harnessVersion: run.harnessVersion,
    datasets: { [key]: { promptHash: suite.promptHash, pins: suite.pins, judgeModel: suite.judge?.model ?? null } },
  }).fingerprint;
}
