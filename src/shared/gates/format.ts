import type { GateResult } from '../records/run-record.ts';

/** How a gate result is shown: failed, passed, passed with a warning (comparison refused), or no baseline to judge by. */
export type GateStatus = 'PASS' | 'FAIL' | 'WARN' | 'NONE';

/** Status of one gate result. */
export function gateStatus(result: GateResult): GateStatus {
  if (!result.passed) return 'FAIL';
  if (result.note === 'not-comparable') return 'WARN';
  if (result.note === 'no-baseline') return 'NONE';
  return 'PASS';
}

const ORDER: Record<GateStatus, number> = { FAIL: 0, WARN: 1, NONE: 2, PASS: 3 };

/**
 * Plain-text gate report for the terminal: a summary line, then failures, warnings, missing baselines and passes.
 * @example formatGateReport(gates) // "Gates: 3 passed, 1 failed\n  FAIL  threshold  gsm8k/0shot strict 0.812 < 0.85 (...)"
 */
export function formatGateReport(results: readonly GateResult[]): string {
  if (results.length === 0) return 'Gates: none configured';
  const counts: Record<GateStatus, number> = { PASS: 0, FAIL: 0, WARN: 0, NONE: 0 };
  const rows = results.map((result) => ({ result, status: gateStatus(result) })).sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  for (const row of rows) counts[row.status]++;
  const summary = [
    `${counts.PASS} passed`,
    `${counts.FAIL} failed`,
    ...(counts.WARN > 0 ? [`${counts.WARN} not comparable`] : []),
    ...(counts.NONE > 0 ? [`${counts.NONE} without a baseline`] : []),
  ];
  const lines = [`Gates: ${summary.join(', ')}`];
  for (const { result, status } of rows) lines.push(`  ${status.padEnd(4)}  ${result.kind.padEnd(9)}  ${result.message}`);
  return lines.join('\n');
}
