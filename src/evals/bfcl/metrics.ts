import type { MetricSpec } from '../../shared/records/metric.ts';

/** The BFCL suite's one metric (kept apart from the scorer, so the registry loads no checker code). */
export const BFCL_METRICS: MetricSpec[] = [
  {
    name: 'accuracy',
    kind: 'proportion',
    description:
      "BFCL's AST checker (irrelevance: no call decodes; relevance: some call decodes); answers the server's tool parser could not read are not scored",
    range: [0, 1],
  },
];
