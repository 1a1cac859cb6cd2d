import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import evalConfig from '../../../qwen-evals.config.ts';
import { parseEvalConfig } from '../../shared/config/load.ts';
import type { EvalConfig } from '../../shared/config/schema.ts';
import type { RunContext, ServerContext } from '../../runtime/context.ts';
import { compareWithBaseline, evaluateGates, formatGateReport } from '../../shared/gates/index.ts';
import { computeFingerprint, fingerprintPartsOf, loadBaseline, writeRunRecord } from '../history/index.ts';
import type { CaseRecord } from '../../shared/records/case-record.ts';
import type { RunRecord } from '../../shared/records/run-record.ts';
import type { SuiteMeta } from '../../shared/records/suite-meta.ts';
import { formatInterval, formatScore } from '../../shared/stats/format.ts';
import { appendStepSummary, renderStepSummary, updateTracker, type TrackerConfig } from '../tracker/index.ts';
import { buildRunRecord, type DispatcherSnapshot } from './build-run-record.ts';
import { readGitInfo, readGpuInfo, readHarnessVersion } from './environment-info.ts';

const PROJECT_ROOT = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const STATS_TIMEOUT_MS = 5_000;

export interface FinishRunInput {
  runId: string;
  run: RunContext;
  server: ServerContext;
  suites: SuiteMeta[];
  cases: CaseRecord[];
  reason: 'passed' | 'failed' | 'interrupted';
  clientCpuMs: number | null;
  log: (line: string) => void;
}

// Turn one model project's collected cases into its run record: gates, history, tracker, step summary.
export async function finishRun(input: FinishRunInput): Promise<{ failedGates: number; record: RunRecord }> {
  const config = parseEvalConfig(evalConfig);
  const [dispatcher, simStats, git, gpu, harnessVersion] = await Promise.all([
    readJson<DispatcherSnapshot>(`${input.server.baseUrl}/_dispatcher/stats`),
    input.server.simulated ? readJson<Record<string, unknown>>(`${input.server.upstreams[0]}/_sim/stats`) : null,
    readGitInfo(PROJECT_ROOT),
    readGpuInfo(),
    readHarnessVersion(join(PROJECT_ROOT, 'package.json')),
  ]);
  // Watch-mode re-runs measure their own busy period.
  await fetch(`${input.server.baseUrl}/_dispatcher/reset`, { method: 'POST' }).then((r) => r.body?.cancel()).catch(() => {});
  if (input.server.simulated) await fetch(`${input.server.upstreams[0]}/_sim/reset-stats`, { method: 'POST' }).then((r) => r.body?.cancel()).catch(() => {});

  const draft = buildRunRecord({
    ...input,
    finishedAt: new Date(),
    dispatcher,
    harnessVersion,
    git,
    gpu,
    fingerprint: { fingerprint: {}, hash: '' },
  });
  const { fingerprint, hash } = computeFingerprint(fingerprintPartsOf(draft));
  const record: RunRecord = { ...draft, fingerprint, fingerprintHash: hash };

  const baseline = await loadBaseline({
    resultsDir: input.run.resultsDir,
    project: record.project,
    preset: record.preset,
    simulated: record.simulated,
    branch: config.gates.baselineBranch,
    excludeRunId: record.runId,
  }).catch((error: unknown) => {
    input.log(`[qwen-evals] baseline not used: ${(error as Error).message}`);
    return null;
  });
  const comparison = baseline ? compareWithBaseline(record, baseline.record) : null;
  record.gates = evaluateGates({
    run: record,
    thresholds: input.run.thresholds,
    baseline: baseline?.record ?? null,
    ...(comparison ? { comparison } : {}),
    minEffect: config.gates.minEffect,
    alpha: config.gates.alpha,
    onIncomparable: config.gates.onIncomparable,
  });

  const path = await writeRunRecord(input.run.resultsDir, record);
  if (simStats) await writeSimStats(input.run.resultsDir, record.runId, simStats);
  await updateTracker(input.run.resultsDir, trackerConfigOf(config));
  await appendStepSummary(renderStepSummary(record, record.gates, comparison));

  printSummary(record, input.log, baseline?.path ?? null);
  input.log(`[qwen-evals] run record: ${path}`);
  return { failedGates: record.gates.filter((g) => !g.passed).length, record };
}

function printSummary(record: RunRecord, log: (line: string) => void, baselinePath: string | null): void {
  const label = record.simulated ? ' [SIMULATED: scripted answers, not a model]' : '';
  log(`\n[qwen-evals] ${record.project} (${record.model.id}), preset ${record.preset}, ${record.status}${label}`);
  for (const [key, dataset] of Object.entries(record.datasets)) {
    const metrics = dataset.metricSpecs
      .map((spec) => {
        const value = dataset.metrics[spec.name];
        return `${spec.name} ${formatScore(value?.value)} (95% CI ${formatInterval(value?.ci)})`;
      })
      .join(', ');
    const { cases, unparseable, error } = dataset.counts;
    log(`  ${key}: ${metrics}; n=${cases}${dataset.datasetSize ? ` of ${dataset.datasetSize}` : ''}, no parseable answer ${unparseable}, errors ${error}`);
  }
  const perf = record.performance;
  if (perf.outputTokensPerSec !== null) {
    log(`  throughput: ${perf.outputTokensPerSec.toFixed(1)} output tok/s, ${perf.requestsPerSec?.toFixed(2)} req/s, mean in flight ${perf.meanInFlight?.toFixed(1) ?? 'n/a'} of ${perf.inFlightLimit}`);
  }
  if (baselinePath) log(`  baseline: ${baselinePath}`);
  if (record.gates.length) log(formatGateReport(record.gates));
}

function trackerConfigOf(config: EvalConfig): TrackerConfig {
  return {
    models: Object.entries(config.models).map(([key, m]) => ({
      key,
      id: m.id,
      ...(m.sizeB !== undefined ? { sizeB: m.sizeB } : {}),
      ...(m.contextLength !== undefined ? { contextLength: m.contextLength } : {}),
      ...(m.license !== undefined ? { license: m.license } : {}),
      quantization: m.quantization ?? null,
    })),
    presets: Object.entries(config.presets).map(([name, p]) => ({
      name,
      gpuMemoryUtilization: p.gpuMemoryUtilization,
      maxNumSeqs: p.maxNumSeqs,
      prefixCaching: p.prefixCaching,
    })),
  };
}

async function writeSimStats(resultsDir: string, runId: string, stats: Record<string, unknown>): Promise<void> {
  const dir = join(resultsDir, 'simulation');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${runId}.stats.json`), `${JSON.stringify(stats, null, 2)}\n`);
}

async function readJson<T>(url: string): Promise<T | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(STATS_TIMEOUT_MS) });
    return response.ok ? ((await response.json()) as T) : null;
  } catch {
    return null;
  }
}
