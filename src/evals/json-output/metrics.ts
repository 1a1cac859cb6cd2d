import { JSON_VALID_METRIC } from '../../scorers/json/metric.ts';
import type { MetricSpec } from '../../shared/records/metric.ts';

// JSON output's metrics, apart from the scorers (and the answer schemas they check) so that the registry, loaded with
// every config, reads them without either.

/** Scores 1 when the answer's JSON holds every expected value (`valuesMatch`). */
export const VALUES_MATCH_METRIC: MetricSpec = {
  name: 'values_match',
  kind: 'proportion',
  description: 'the JSON holds the expected value of every field',
  range: [0, 1],
};

/** JSON-output metrics, primary first: validity against the case's zod schema, then the values. */
export const JSON_OUTPUT_METRICS: MetricSpec[] = [JSON_VALID_METRIC, VALUES_MATCH_METRIC];
