// Statistics: intervals, paired tests and the metric aggregator shared by suites, reporter and gates.
export { type Interval, DEFAULT_CONFIDENCE, normalQuantile, zForConfidence } from './interval.ts';
export { createRandom, DEFAULT_SEED } from './random.ts';
export { wilsonInterval } from './wilson.ts';
export { exactMcNemar } from './mcnemar.ts';
export {
  bootstrapMeanInterval,
  pairedBootstrapDiff,
  DEFAULT_RESAMPLES,
  type BootstrapOptions,
  type PairedDiff,
} from './bootstrap.ts';
export { summarizeMetric } from './summarize.ts';
export { stratifiedBootstrapIntervals, type ProportionStratum } from './stratified-bootstrap.ts';
export { formatScore, formatDelta, formatInterval, formatP, SCORE_DECIMALS } from './format.ts';
