import type { GateResult } from '../records/run-record.ts';
import { NOT_COMPARABLE } from './evaluate.ts';

/** How a gate result is shown: failed, passed, or passed with a warning (comparison refused). */
export type GateStatus = 'PASS' | 'FAIL' | 'WARN';

/** Status of one gate result. */
export function gateStatus(result: GateResult): GateStatus {
  if (!result.passed) return 'FAIL';
  return result.message.startsWith(NOT_COMPARABLE) ? 'WARN' : 'PASS';
}

/**
 * Plain-text gate report for the terminal: a summary line, then failures, warnings and passes.
 * @example formatGateReport(gates) // "Gates: 3 passed, 1 failed\n  FAIL  threshold  gsm8k/0shot strict 0.812 < 0.85 (...)"
 */
export function formatGateReport(results: readonly GateResult[]): string {
  if (results.length === 0) return 'Gates: none configured';
  const order: Record<GateStatus, number> = { FAIL: 0, WARN: 1, PASS: 2 };
  const counts: Record<GateStatus, number> = { PASS: 0, FAIL: 0, WARN: 0 };
  const rows = results
    .map((result) => ({ result, status: gateStatus(result) }))
    .sort((a, b) => order[a.status] - order[b.status]);
  for (const row of rows) counts[row.status]++;
  const summary = [`${counts.PASS} passed`, `${counts.FAIL} failed`, ...(counts.WARN > 0 ? [`${counts.WARN} not comparable`] : [])];
  const lines = [`Gates: ${summary.join(', ')}`];
  for (const { result, status } of rows) lines.push(`  ${status}  ${result.kind.padEnd(9)}  ${result.message}`);
  return lines.join('\n');
}
