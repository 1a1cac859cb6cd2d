import type { CodeConfig } from '../../shared/config/schema.ts';
import type { MetricSpec } from '../../shared/records/metric.ts';
import { PASS_AT_1 } from '../../scorers/python-tests/case-fields.ts';

/** Metrics of a code eval, primary first: pass@1 when greedy, pass@k for every k the samples allow. */
export function codeMetricSpecs(code: Pick<CodeConfig, 'samples' | 'temperature' | 'passAtK'>): MetricSpec[] {
  if (code.samples === 1)
    return [{ name: PASS_AT_1, kind: 'proportion', description: 'greedy answer passes every test in the sandbox', range: [0, 1] }];
  return code.passAtK
    .filter((k) => k <= code.samples)
    .map((k) => ({
      name: `pass@${k}`,
      kind: 'mean' as const,
      description: `unbiased pass@${k} from ${code.samples} samples at temperature ${code.temperature}`,
      range: [0, 1] as [number, number],
    }));
}
