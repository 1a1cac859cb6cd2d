import type { MetricSpec } from '../../shared/records/metric.ts';

/** The metric `jsonSchema` scores by default; its own module so that metric specs load without the scorer. */
export const JSON_VALID_METRIC: MetricSpec = {
  name: 'json_valid',
  kind: 'proportion',
  description: 'the answer is JSON matching the schema (not JSON = unparseable)',
  range: [0, 1],
};
