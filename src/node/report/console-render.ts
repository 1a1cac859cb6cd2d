import { compareCaseIds } from '../../shared/gates/compare.ts';
import { renderPerformanceSummary } from './console-benchmark.ts';
import { formatGateReport } from '../../shared/gates/format.ts';
import type { CaseRecord, Verdict } from '../../shared/records/case-record.ts';
import type { RunRecord } from '../../shared/records/run-record.ts';
import type { JudgeInfo } from '../../shared/records/suite-meta.ts';
import { formatInterval, formatScore } from '../../shared/stats/format.ts';
import { renderPairing } from './render-pairing.ts';
import { renderAggregateLines } from './aggregate-lines.ts';

// What the eval reporter prints, as pure functions of collected data: progress lines, the end-of-run summary.
// Made for CI logs: bounded (a full run prints well under 200 lines), wrong answers listed as wrong, never as passing.

/** Wrong or unparseable case ids listed per dataset at the end. */
export const MAX_LISTED_WRONG = 5;
/** Distinct case errors listed per dataset. */
export const MAX_LISTED_ERRORS = 3;

/** Running tally of one dataset of one project. */
export interface DatasetProgress {
  project: string;
  key: string;
  primaryMetric: string;
  total: number;
  done: number;
  /** Sum and count of the primary metric over scored cases (running mean). */
  scoreSum: number;
  scored: number;
  verdicts: Record<Verdict, number>;
  /** Quarters (1-4) already printed on a non-TTY log. */
  printedQuarter: number;
}

/** A new tally for a dataset with `total` selected cases. */
export function newProgress(project: string, key: string, primaryMetric: string, total: number): DatasetProgress {
  return {
    project,
    key,
    primaryMetric,
    total,
    done: 0,
    scoreSum: 0,
    scored: 0,
    verdicts: { correct: 0, wrong: 0, unparseable: 0, graded: 0, error: 0, parser_failed: 0 },
    printedQuarter: 0,
  };
}

/** Count one finished case. */
export function addCase(progress: DatasetProgress, record: CaseRecord): void {
  progress.done += 1;
  progress.verdicts[record.verdict] += 1;
  const score = record.verdict === 'error' ? null : record.scores[progress.primaryMetric];
  if (typeof score === 'number') {
    progress.scoreSum += score;
    progress.scored += 1;
  }
}

/** `qwen3_8b gsm8k/0shot   640/1319  strict 0.912  (wrong 50, unparseable 6, errors 0)` */
export function renderProgressLine(progress: DatasetProgress, width = 28): string {
  const mean = progress.scored ? formatScore(progress.scoreSum / progress.scored) : '—';
  const v = progress.verdicts;
  const counts = [
    v.wrong ? `wrong ${v.wrong}` : '',
    v.unparseable ? `unparseable ${v.unparseable}` : '',
    v.error ? `errors ${v.error}` : '',
    v.parser_failed ? `parser failures ${v.parser_failed}` : '',
  ].filter(Boolean);
  const count = `${progress.done}/${progress.total}`.padStart(11);
  return `  ${`${progress.project} ${progress.key}`.padEnd(width)} ${count}  ${progress.primaryMetric} ${mean}${counts.length ? `  (${counts.join(', ')})` : ''}`;
}

/** On a log that is not a terminal, a dataset's line is printed once per quarter done: bounded, whatever the size. */
export function quarterReached(progress: DatasetProgress): boolean {
  const quarter = progress.total === 0 ? 4 : Math.floor((progress.done * 4) / progress.total);
  if (quarter <= progress.printedQuarter) return false;
  progress.printedQuarter = quarter;
  return true;
}

/** The warning for a dataset graded by the model under test itself; null for an external or scripted judge. */
export function renderJudgeWarning(key: string, judge: JudgeInfo | null): string | null {
  if (judge?.source !== 'self') return null;
  return (
    `  WARN  judge: ${key} is graded by the model under test (${judge.model}), so its scores are not comparable with ` +
    "other models'; set judge.baseUrl and judge.model (or EVAL_JUDGE_BASE_URL and EVAL_JUDGE_MODEL) for an external judge."
  );
}

/** Everything the end-of-run summary shows for one project's run. */
export interface RunSummary {
  record: RunRecord;
  recordPath: string;
  trackerPath: string;
  casesPath: string;
  /** Case records, for the first wrong ids and error messages. */
  cases: readonly CaseRecord[];
  /** The command that resumes an interrupted or incomplete run. */
  resumeCommand: string;
}

/** The end of a run: headline, per-dataset table, failing gates, wrong cases, errors, paths. */
export function renderRunSummary(summary: RunSummary): string[] {
  const { record } = summary;
  const lines = ['', headline(summary)];
  // A server failure's whole story (the dead server's last log lines) is what the user needs first.
  if (record.incomplete?.reason === 'server-failed' && record.incomplete.message.includes('\n')) {
    lines.push(...record.incomplete.message.split('\n').map((line) => `  ${line}`));
  }
  if (record.simulation) lines.push(`  SIMULATED (${record.simulation}): answers came from the simulated vLLM, not a model.`);
  lines.push(...kernelLines(record));
  if (!record.benchmarks || Object.keys(record.datasets).length > 0)
    lines.push(...datasetTable(record), ...renderAggregateLines(record.aggregates ?? []));
  lines.push(...reasoningLines(record));
  lines.push(...Object.entries(record.datasets).flatMap(([key, d]) => renderJudgeWarning(key, d.judge) ?? []));
  if (record.gates.length) lines.push('', ...gateLines(record));
  if (record.comparison) lines.push(...renderPairing(record.comparison));
  lines.push(...wrongCases(summary), ...caseErrors(summary), ...qualityNotes(record));
  lines.push(...renderPerformanceSummary(record));
  const perf = record.performance;
  if (perf.outputTokensPerSec !== null) {
    lines.push(
      '',
      `  throughput${record.simulation ? ' (simulated)' : ''}: ${perf.outputTokensPerSec.toFixed(1)} output tok/s, ${perf.requestsPerSec?.toFixed(2)} req/s, mean in flight ${perf.meanInFlight?.toFixed(1) ?? 'n/a'} of ${perf.inFlightLimit}`,
    );
  }
  if (perf.cacheHits > 0) {
    lines.push(
      `  response cache: ${perf.cacheHits} answer(s) served from the cache, ${perf.requests} asked of the server (cached answers are left out of throughput and latency)`,
    );
  }
  if (record.replayOf) lines.push('', `  replay of ${record.replayOf}: no server was asked; throughput and latency are not measured.`);
  const cases = record.benchmarks ? '  requests:   ' : '  cases:      ';
  lines.push('', `  run record: ${summary.recordPath}`, `${cases}${summary.casesPath}`, `  tracker:    ${summary.trackerPath}`);
  if (record.status !== 'complete') lines.push(`  resume:     ${summary.resumeCommand}`);
  return lines;
}

// A slow quantization kernel is said loudly, at the top; an external server's kernel only when the model is quantized.
function kernelLines(record: RunRecord): string[] {
  const kernel = record.server.quantizationKernel;
  if (kernel?.slow) return [`  WARN  ${kernel.message}`];
  if (kernel?.source === 'unavailable' && isQuantizedModel(record.model)) return [`  NOTE  ${kernel.message}`];
  return [];
}

/** True when the model is quantized: a `quantization` setting, or a quantized checkpoint's usual id suffix. */
export function isQuantizedModel(model: Pick<RunRecord['model'], 'id' | 'quantization'>): boolean {
  return model.quantization !== null || /-(awq|gptq|int4|int8|fp8)\b/i.test(model.id);
}

// The gate tally, then every failed or not-comparable gate and every baseline comparison (the paired change is
// worth reading when it passes too), and the datasets without a baseline on one line.
function gateLines(record: RunRecord): string[] {
  const [tally, ...rows] = formatGateReport(record.gates).split('\n');
  const shown = rows.filter((row) => /^\s+(FAIL|WARN)\b/.test(row) || /^\s+PASS\s+baseline\b/.test(row));
  const missing = record.gates.filter((g) => g.note === 'no-baseline');
  const lines = [`  ${tally}`, ...shown];
  if (missing.length) {
    const reason = missing[0]!.message.replace(/^.*?: .*?: /, '');
    lines.push(
      `  NONE  baseline   ${missing.length} dataset(s) without a baseline (${missing.map((g) => g.dataset).join(', ')}): ${reason}`,
    );
  }
  return lines;
}

// Reasoning tokens per dataset, and a warning when the answers still carried the thinking (the server had no parser).
function reasoningLines(record: RunRecord): string[] {
  const lines: string[] = [];
  for (const [key, d] of Object.entries(record.datasets)) {
    const r = d.reasoning;
    if (!r) continue;
    const mean = r.meanTokens === null ? 'tokens unknown' : `mean ${r.meanTokens.toFixed(0)} tokens per case`;
    lines.push(`  reasoning  ${key}: ${mean} over ${r.cases} case(s)${r.tokensUnknown ? `, ${r.tokensUnknown} not counted` : ''}`);
    if (r.splitByHarness) {
      lines.push(
        `  WARN  reasoning: ${key}: ${r.splitByHarness} answer(s) came with <think>…</think>, which the harness took out before scoring; ` +
          'the server runs without --reasoning-parser (set `models.<key>.reasoning.parser`, or start your server with the flag).',
      );
    }
  }
  return lines;
}

function headline(summary: RunSummary): string {
  const { record } = summary;
  const reasoning = record.model.reasoning;
  const thinking = reasoning ? `, thinking ${reasoning.thinking ? 'on' : 'off'}` : '';
  const shard = record.shard ? `, shard ${record.shard.index}/${record.shard.count}` : '';
  const who = `${record.project} (${record.model.id}${thinking}), preset ${record.preset}${shard}`;
  if (record.status === 'interrupted') return `[qwen-evals] INTERRUPTED ${who}: ${record.incomplete?.message ?? 'the run was stopped'}`;
  if (record.incomplete?.reason === 'server-failed')
    return `[qwen-evals] INCOMPLETE RUN ${who}: the server failed, so not every case was asked (${firstLine(record.incomplete.message)})`;
  const failedGates = record.gates.filter((g) => !g.passed).length;
  if (failedGates && record.shard && record.status === 'complete')
    return `[qwen-evals] ${who}: complete; ${failedGates} gate(s) missed on this shard's share of the cases (advisory: \`qwen-evals merge\` judges the run)`;
  if (failedGates) return `[qwen-evals] GATE FAILED ${who}: ${failedGates} gate(s) failed`;
  if (record.status === 'partial')
    return `[qwen-evals] INCOMPLETE RUN ${who}: ${record.incomplete?.message ?? 'some cases did not finish'}`;
  return `[qwen-evals] ${who}: complete`;
}

function datasetTable(record: RunRecord): string[] {
  const rows = Object.entries(record.datasets).map(([key, d]) => {
    const value = d.metrics[d.primaryMetric];
    const c = d.counts;
    const size = d.datasetSize === null ? '' : ` of ${d.datasetSize}`;
    return [
      key,
      `${d.primaryMetric} ${formatScore(value?.value)}`,
      formatInterval(value?.ci),
      `n=${c.cases}${size}`,
      `${c.correct + c.graded} ok, ${c.wrong} wrong, ${c.unparseable} unparseable, ${c.error} errors${c.parserFailed ? `, ${c.parserFailed} parser failures (not scored)` : ''}`,
    ];
  });
  if (rows.length === 0) return ['  (no eval suite ran)'];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}`);
}

function wrongCases(summary: RunSummary): string[] {
  const lines: string[] = [];
  for (const [key, d] of Object.entries(summary.record.datasets)) {
    const ids = Object.entries(d.cases)
      .filter(([, c]) => c.verdict === 'wrong' || c.verdict === 'unparseable')
      .map(([id]) => id)
      .sort(compareCaseIds);
    if (ids.length === 0) continue;
    const shown = ids.slice(0, MAX_LISTED_WRONG).join(', ');
    lines.push(`  ${key}: ${ids.length} wrong or unparseable, e.g. ${shown}${ids.length > MAX_LISTED_WRONG ? ', …' : ''}`);
  }
  return lines.length
    ? ['', '  Wrong answers (recorded results, counted as skipped tests, not failures; details in the cases file):', ...lines]
    : [];
}

function caseErrors(summary: RunSummary): string[] {
  const lines: string[] = [];
  const byDataset = new Map<string, Map<string, string[]>>();
  for (const c of summary.cases) {
    if (c.verdict !== 'error' || !c.error) continue;
    const key = `${c.dataset}/${c.variant}`;
    const messages = byDataset.get(key) ?? new Map<string, string[]>();
    byDataset.set(key, messages);
    const message = firstLine(c.error.message);
    messages.set(message, [...(messages.get(message) ?? []), c.caseId]);
  }
  for (const [key, messages] of byDataset) {
    const total = [...messages.values()].reduce((n, ids) => n + ids.length, 0);
    lines.push(`  ${key}: ${total} case(s) failed to run`);
    for (const [message, ids] of [...messages].slice(0, MAX_LISTED_ERRORS))
      lines.push(`    ${ids.length}x ${message} (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})`);
    if (messages.size > MAX_LISTED_ERRORS) lines.push(`    … ${messages.size - MAX_LISTED_ERRORS} more distinct errors in the cases file`);
  }
  return lines.length ? ['', '  Pipeline errors (the case could not be scored):', ...lines] : [];
}

function qualityNotes(record: RunRecord): string[] {
  const notes: string[] = [];
  for (const [key, d] of Object.entries(record.datasets)) {
    const q = d.quality;
    const parts = [
      q.truncated ? `${q.truncated} answer(s) cut at max_tokens` : '',
      q.overLength ? `${q.overLength} answer(s) longer than max_tokens (the server ignored the limit)` : '',
      q.capped ? `${q.capped} answer(s) capped for storage` : '',
      q.contextLength ? `${q.contextLength} prompt(s) too long for the server's context` : '',
      q.usageMissing ? `${q.usageMissing} answer(s) without token usage` : '',
      q.retries ? `${q.retries} retried request(s)` : '',
    ].filter(Boolean);
    if (parts.length) notes.push(`  ${key}: ${parts.join('; ')}`);
  }
  return notes.length ? ['', '  Data quality:', ...notes] : [];
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
