import type { GateResult, RunRecord } from '../../shared/records/run-record.ts';
import type { RunComparison } from '../../shared/gates/compare.ts';
import { gateStatus } from '../../shared/gates/format.ts';
import { formatDelta, formatInterval, formatP, formatScore } from '../../shared/stats/format.ts';
import { capped, code, formatDuration, formatNumber, omittedLine, table } from './markdown.ts';
import { SHORT_HASH_LENGTH, SIMULATED_LABEL } from './render.ts';

/** Gate lines shown in the step summary. */
export const MAX_SUMMARY_GATES = 50;
/** Flipped case ids listed per metric in the step summary. */
export const MAX_SUMMARY_CASE_IDS = 50;

const GATE_ICONS = { PASS: '✅', FAIL: '❌', WARN: '⚠️', NONE: '➖' } as const;

/** Markdown for `$GITHUB_STEP_SUMMARY`: scores, gates, and the paired comparison with the baseline when there is one. */
export function renderStepSummary(run: RunRecord, gates: readonly GateResult[], comparison?: RunComparison | null): string {
  const failed = gates.filter((g) => !g.passed).length;
  // A shard's gates judged its share of the cases only: advisory, the merged run is gated (`qwen-evals merge`).
  const verdict = run.shard
    ? `shard ${run.shard.index}/${run.shard.count}: ${failed} of ${gates.length} gate(s) missed on this share (advisory until \`qwen-evals merge\`)`
    : failed > 0
      ? `❌ ${failed} gate(s) failed`
      : gates.length > 0
        ? '✅ gates passed'
        : 'no gates';
  const lines = [
    `## qwen-evals · ${run.project} · ${run.preset}${run.shard ? ` · shard ${run.shard.index}/${run.shard.count}` : ''}${run.simulation !== null ? ` — ${SIMULATED_LABEL} (${run.simulation})` : ''}`,
    '',
    `${verdict} · run ${code(run.runId)} · ${run.status} · model ${code(run.model.id)} · ${formatDuration(run.performance.wallMs)} · fingerprint ${code(run.fingerprintHash.slice(0, SHORT_HASH_LENGTH))}`,
  ];
  if (run.simulation !== null) lines.push('', `> ${SIMULATED_LABEL}: answers came from the simulated vLLM, not from the model.`);

  const rows = Object.keys(run.datasets)
    .sort()
    .map((key) => {
      const d = run.datasets[key]!;
      const value = d.metrics[d.primaryMetric];
      const gate = gates.find((g) => g.kind === 'threshold' && g.dataset === key && g.metric === d.primaryMetric);
      return [
        key,
        d.primaryMetric,
        value?.value == null ? '—' : `${formatScore(value.value)} (${formatInterval(value.ci)})`,
        d.datasetSize === null ? String(d.counts.cases) : `${d.counts.cases} of ${d.datasetSize}`,
        gate ? `${GATE_ICONS[gateStatus(gate)]} ${gate.passed ? '≥' : '<'} ${gate.threshold}` : '—',
      ];
    });
  lines.push('', ...table(['Dataset', 'Primary metric', 'Score (95% CI)', 'Samples', 'Threshold'], rows));

  const p = run.performance;
  lines.push(
    '',
    `Throughput ${p.outputTokensPerSec === null ? 'unavailable' : `${formatNumber(p.outputTokensPerSec)} tok/s`}` +
      ` · TTFT p50 ${p.ttftMs ? `${formatNumber(p.ttftMs.p50, 0)} ms` : 'unavailable'}` +
      ` · ${p.requests} requests (${p.failedRequests} failed)`,
  );

  if (gates.length > 0) {
    lines.push('', '### Gates', '');
    const order = { FAIL: 0, WARN: 1, NONE: 2, PASS: 3 } as const;
    const sorted = [...gates].sort((a, b) => order[gateStatus(a)] - order[gateStatus(b)]);
    const { shown, omitted } = capped(sorted, MAX_SUMMARY_GATES);
    for (const gate of shown) lines.push(`- ${GATE_ICONS[gateStatus(gate)]} ${gate.kind}: ${gate.message}`);
    if (omitted > 0) lines.push('', omittedLine(omitted, 'gates'));
  }

  if (comparison) lines.push('', ...renderComparison(comparison));
  return `${lines.join('\n')}\n`;
}

function renderComparison(c: RunComparison): string[] {
  const lines = [`### Compared with baseline ${code(c.baselineRunId)}`, ''];
  if (c.metrics.length === 0) return [...lines, '_No dataset in common with the baseline._'];
  const rows = c.metrics.map((m) => [
    m.dataset,
    m.metric,
    formatScore(m.baselineValue),
    formatScore(m.currentValue),
    m.fingerprint.comparable ? `${formatDelta(m.diff)} (${formatInterval(m.ci)})` : 'not comparable',
    m.fingerprint.comparable ? `${formatP(m.p)} (${m.test})` : '—',
    String(m.regressions.length),
    String(m.fixes.length),
  ]);
  lines.push(...table(['Dataset', 'Metric', 'Baseline', 'Current', 'Δ (95% CI)', 'Test', 'Regressions', 'Fixes'], rows));
  for (const m of c.metrics) {
    if (m.regressions.length === 0 && m.fixes.length === 0) continue;
    lines.push(
      '',
      `<details><summary>${m.dataset} ${m.metric}: ${m.regressions.length} regressions, ${m.fixes.length} fixes</summary>`,
      '',
    );
    for (const [label, ids] of [
      ['Regressed', m.regressions],
      ['Fixed', m.fixes],
    ] as const) {
      if (ids.length === 0) continue;
      const { shown, omitted } = capped(ids, MAX_SUMMARY_CASE_IDS);
      lines.push(`${label}: ${shown.map(code).join(', ')}${omitted > 0 ? ` (+${omitted} more)` : ''}`, '');
    }
    lines.push('</details>');
  }
  if (c.onlyInRun.length > 0) lines.push('', `Not in the baseline: ${c.onlyInRun.join(', ')}.`);
  if (c.onlyInBaseline.length > 0) lines.push('', `In the baseline only: ${c.onlyInBaseline.join(', ')}.`);
  return lines;
}
