import type { RunSummary } from '../../shared/records/run-summary.ts';
import type { BenchPoint, BenchRepeat, Benchmarks, BenchWorkload } from '../../shared/records/benchmark.ts';
import { describeLoadOf } from '../../shared/records/describe-load.ts';
import { type Spread, spreadOf } from '../../shared/stats/spread.ts';
import { compareRuns } from '../history/store.ts';
import { describeSimulatedTiming } from '../report/console-benchmark.ts';
import { formatNumber, formatTime, table, code } from './markdown.ts';

// The tracker's "Throughput benchmarks" section: the newest benchmark run per model, preset and server kind, a table
// per workload (median over repeats with the spread) and a latency-throughput chart (Mermaid xychart, rendered by
// GitHub) next to it. Simulated runs are labelled with the simulator's timing parameters.

/** Benchmark sections shown at most. */
export const MAX_BENCHMARK_SECTIONS = 12;
/** Label of numbers measured on the simulated vLLM. */
const SIMULATED = 'SIMULATED';

/** The newest benchmark of one model on one preset, real or simulated. */
export interface ThroughputSection {
  modelKey: string;
  preset: string;
  runId: string;
  startedAt: string;
  simulation: string | null;
  gpuName: string | null;
  benchmarks: Benchmarks;
  /** Benchmark runs of this model, preset and definition in the history (the shown one included). */
  runs: number;
}

// The newest benchmark run per (model, preset, real or simulated), newest first.
export function buildThroughputSections(runs: readonly RunSummary[]): ThroughputSection[] {
  const byKey = new Map<string, ThroughputSection>();
  for (const run of [...runs].sort(compareRuns)) {
    if (!run.benchmarks || run.status === 'interrupted') continue;
    const key = JSON.stringify([run.model.key, run.preset, run.simulation !== null]);
    const earlier = byKey.get(key);
    const same = earlier && earlier.benchmarks.definitionHash === run.benchmarks.definitionHash ? earlier.runs : 0;
    byKey.set(key, {
      modelKey: run.model.key,
      preset: run.preset,
      runId: run.runId,
      startedAt: run.startedAt,
      simulation: run.simulation,
      gpuName: run.server.gpuName,
      benchmarks: run.benchmarks,
      runs: same + 1,
    });
  }
  return [...byKey.values()]
    .sort((a, b) => a.modelKey.localeCompare(b.modelKey) || a.preset.localeCompare(b.preset))
    .slice(0, MAX_BENCHMARK_SECTIONS);
}

/** The section's markdown lines. */
export function renderThroughputBenchmarks(
  sections: readonly ThroughputSection[],
  command = 'pnpm vitest run --project <model> throughput',
): string[] {
  const lines = ['## Throughput benchmarks', ''];
  if (sections.length === 0) return [...lines, `_No benchmark run yet: \`${command}\` (per preset: \`EVAL_PRESET=<preset>\`)._`];
  lines.push(
    'Definitions of `vllm bench serve`: TTFT, TPOT (excluding the first token), ITL (per streamed chunk) and E2EL in ms from the client; ' +
      'throughput over the first release to the last response; goodput = requests per second meeting every SLO. ' +
      'Each cell is the median over the repeats; the output throughput shows the range of the repeats.',
    '',
  );
  for (const section of sections) lines.push(...renderSection(section), '');
  return lines;
}

function renderSection(s: ThroughputSection): string[] {
  const b = s.benchmarks;
  const label = b.simulatedTiming ? ` — ${SIMULATED} (${s.simulation})` : '';
  const lines = [
    `### ${s.modelKey} · ${s.preset}${label}`,
    '',
    `Run ${code(s.runId)} (${formatTime(s.startedAt)}), ${b.maxNumSeqs} slots x ${b.replicas} replica(s), stream interval ${b.streamInterval ?? 'unknown'}, ` +
      `${b.points[0]?.repeats.length ?? 0} repeat(s) per point, GPU ${s.gpuName ?? 'unknown'}. ${sloLine(b)}`,
  ];
  if (b.simulatedTiming)
    lines.push(
      '',
      `> ${SIMULATED}: measured on the simulated vLLM (${describeSimulatedTiming(b.simulatedTiming)}); these numbers describe the simulator's timing model, not a GPU.`,
    );
  for (const workload of b.workloads) {
    const points = b.points.filter((p) => p.workload === workload.name);
    if (points.length === 0) continue;
    lines.push(
      '',
      `#### ${workload.name}`,
      '',
      workloadLine(workload),
      '',
      ...pointTable(points),
      '',
      ...latencyChart(workload, points, b),
    );
  }
  return lines;
}

function sloLine(b: Benchmarks): string {
  const parts = [
    b.slo.ttftMs === null ? '' : `TTFT ≤ ${b.slo.ttftMs} ms`,
    b.slo.tpotMs === null ? '' : `TPOT ≤ ${b.slo.tpotMs} ms`,
    b.slo.e2elMs === null ? '' : `E2EL ≤ ${b.slo.e2elMs} ms`,
  ].filter(Boolean);
  return parts.length ? `Goodput SLOs: ${parts.join(', ')}.` : 'No goodput SLO set.';
}

function workloadLine(w: BenchWorkload): string {
  const input = w.inputTokens === null ? `${w.dataset}'s own chat prompts` : `random ${w.inputTokens}-token prompts`;
  return `${input} (${w.prompts} distinct, \`${w.endpoint}\`), ${w.outputTokens} output tokens each (\`ignore_eos\`).`;
}

/** The median over repeats of a number of each repeat; null when no repeat had it. */
function median(point: BenchPoint, pick: (r: BenchRepeat) => number | null | undefined): number | null {
  return spreadOf(point.repeats.map(pick).filter((v): v is number => typeof v === 'number'))?.median ?? null;
}

function pointTable(points: readonly BenchPoint[]): string[] {
  const ms = (point: BenchPoint, key: 'ttftMs' | 'tpotMs' | 'itlMs' | 'e2elMs') =>
    `${formatNumber(median(point, (r) => r[key]?.median))} / ${formatNumber(median(point, (r) => r[key]?.p99))}`;
  const rows = points.map((p) => {
    const problems = p.repeats.reduce((n, r) => n + r.failed, 0);
    const incomplete = p.repeats.reduce((n, r) => n + r.incomplete, 0);
    return [
      describeLoadOf(p.load),
      spreadCell(spreadOf(p.repeats.map((r) => r.outputThroughput))),
      formatNumber(
        median(p, (r) => r.requestThroughput),
        1,
      ),
      ms(p, 'ttftMs'),
      ms(p, 'tpotMs'),
      ms(p, 'itlMs'),
      ms(p, 'e2elMs'),
      formatNumber(
        median(p, (r) => r.goodput),
        1,
      ),
      formatNumber(
        median(p, (r) => r.peakConcurrency),
        0,
      ),
      `${problems} / ${incomplete}`,
    ];
  });
  return table(
    [
      'Load',
      'Output tok/s (range)',
      'Req/s',
      'TTFT ms median / p99',
      'TPOT ms median / p99',
      'ITL ms median / p99',
      'E2EL ms median / p99',
      'Goodput req/s',
      'Peak concurrency',
      'Failed / incomplete',
    ],
    rows,
  );
}

function spreadCell(spread: Spread | null): string {
  if (!spread) return '—';
  return spread.n > 1
    ? `${formatNumber(spread.median)} (${formatNumber(spread.min)}–${formatNumber(spread.max)})`
    : formatNumber(spread.median);
}

// E2EL against output throughput over the concurrency sweep: categories are the sweep's points in order (labelled
// with their throughput), since xychart places values evenly; the lower line is the median, the upper one p99.
function latencyChart(workload: BenchWorkload, points: readonly BenchPoint[], b: Benchmarks): string[] {
  const sweep = points
    .filter((p) => p.load.kind === 'concurrency')
    .map((p) => ({
      p,
      tput: median(p, (r) => r.outputThroughput),
      p50: median(p, (r) => r.e2elMs?.median),
      p99: median(p, (r) => r.e2elMs?.p99),
    }))
    .filter((x): x is { p: BenchPoint; tput: number; p50: number; p99: number } => x.tput !== null && x.p50 !== null && x.p99 !== null);
  if (sweep.length < 2) return [];
  const top = Math.max(...sweep.map((x) => x.p99));
  const categories = sweep.map((x) => `"c${(x.p.load as { concurrency: number }).concurrency}: ${Math.round(x.tput)}"`);
  const title = `${workload.name}: E2EL vs output tok/s${b.simulatedTiming ? ` (${SIMULATED})` : ''}`;
  return [
    `_Latency-throughput: x = concurrency and its output tokens/s, y = end-to-end latency in ms (lower line median, upper line p99)._`,
    '',
    '```mermaid',
    'xychart-beta',
    `  title "${title.replaceAll('"', "'")}"`,
    `  x-axis "concurrency: output tok/s" [${categories.join(', ')}]`,
    `  y-axis "E2EL (ms)" 0 --> ${Math.ceil(top * 1.1)}`,
    `  line [${sweep.map((x) => Math.round(x.p50)).join(', ')}]`,
    `  line [${sweep.map((x) => Math.round(x.p99)).join(', ')}]`,
    '```',
  ];
}
