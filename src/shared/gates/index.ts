// Gates: thresholds and paired regression tests against a baseline run.
export {
  evaluateGates,
  listIds,
  DEFAULT_MIN_EFFECT,
  DEFAULT_ALPHA,
  MAX_LISTED_CASES,
  NOT_COMPARABLE,
  type GateOptions,
  type Thresholds,
} from './evaluate.ts';
export {
  compareWithBaseline,
  compareDatasetMetric,
  compareCaseIds,
  PASS_SCORE,
  type CompareOptions,
  type MetricComparison,
  type RunComparison,
} from './compare.ts';
export { formatGateReport, gateStatus, type GateStatus } from './format.ts';
