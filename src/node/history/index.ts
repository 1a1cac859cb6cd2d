// Run history: run ids, atomic run records, fingerprints and the baseline lookup.
export { makeRunId, sanitizeIdPart, isSafeRunId, type RunIdParts } from './run-id.ts';
export {
  writeRunRecord,
  readRunRecord,
  parseRunRecordText,
  listRuns,
  runRecordPath,
  writeFileAtomic,
  compareRuns,
  RUNS_DIR,
  type StoredRun,
  type InvalidRunFile,
  type RunHistory,
} from './store.ts';
export {
  computeFingerprint,
  compareFingerprints,
  fingerprintPartsOf,
  hashFingerprint,
  isScoreChangingKey,
  datasetOfKey,
  describeDifferences,
  DATASET_KEY_PREFIXES,
  type Fingerprint,
  type FingerprintValue,
  type FingerprintParts,
  type FingerprintDifference,
  type FingerprintComparison,
} from '../../shared/history/fingerprint.ts';
export { loadBaseline, DEFAULT_BASELINE_BRANCH, type Baseline, type BaselineOptions } from './baseline.ts';
