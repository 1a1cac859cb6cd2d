// Markdown tracker built from the whole run history, and the GitHub step summary.
export {
  buildTrackerModel,
  quantizationPairs,
  type TrackerConfig,
  type TrackerModelConfig,
  type TrackerPresetConfig,
  type TrackerModel,
  type ModelRow,
  type PresetRow,
  type Section,
  type SectionDataset,
  type MetricRow,
  type ThresholdStatus,
  type PairComparison,
  type ComparisonRow,
  type ComparisonSide,
  type ChangelogEntry,
} from './model.ts';
export {
  renderTrackerMarkdown,
  changelogLine,
  performanceRows,
  TRACKER_TITLE,
  MAX_DATASET_ROWS,
  MAX_COMPARISONS_PER_KIND,
  MAX_COMPARISON_ROWS,
  MAX_HEADLINE_SCORES,
  SHORT_HASH_LENGTH,
  SIMULATED_LABEL,
} from './render.ts';
export { writeTracker, updateTracker, appendStepSummary, TRACKER_FILE } from './write.ts';
export { renderTrackerSummary, FULL_TRACKER_FILE, RECENT_RUNS } from './render-summary.ts';
export { renderStepSummary, MAX_SUMMARY_GATES, MAX_SUMMARY_CASE_IDS } from './step-summary.ts';
export { escapeCell, code, table, formatTime, formatDuration } from './markdown.ts';
