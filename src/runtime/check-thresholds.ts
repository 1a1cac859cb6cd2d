import { EvalError } from '../shared/errors.ts';
import type { CaseRecord } from '../shared/records/case-record.ts';
import type { MetricSpec } from '../shared/records/metric.ts';
import { formatInterval, formatScore } from '../shared/stats/format.ts';
import { summarizeMetric } from '../shared/stats/summarize.ts';

/** A metric under its threshold: the run fails, naming gate, score, threshold and interval. */
export class GateFailedError extends EvalError {
  constructor(message: string) {
    super('EVAL_GATE_FAILED', message);
  }
}

// Compare each thresholded metric of a suite with its minimum; throws one error listing every miss.
export function checkThresholds(
  key: string,
  specs: MetricSpec[],
  records: CaseRecord[],
  thresholds: Record<string, number>,
): void {
  const misses: string[] = [];
  for (const [metric, minimum] of Object.entries(thresholds)) {
    const spec = specs.find((s) => s.name === metric);
    if (!spec) {
      misses.push(`${key} has no metric "${metric}" (metrics: ${specs.map((s) => s.name).join(', ')}); fix \`thresholds\` in qwen-evals.config.ts`);
      continue;
    }
    const value = summarizeMetric(spec, records.map((r) => r.scores[metric] ?? null));
    if (value.value === null || value.value < minimum) {
      misses.push(`${key} ${metric} ${formatScore(value.value)} < ${minimum} (95% CI ${formatInterval(value.ci)}, n=${value.n})`);
    }
  }
  if (misses.length) throw new GateFailedError(`Gate failed:\n${misses.map((m) => `  - ${m}`).join('\n')}`);
}
