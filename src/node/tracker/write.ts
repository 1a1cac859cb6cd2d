import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadCases } from '../history/case-data.ts';
import { listRunSummaries, writeFileAtomic } from '../history/store.ts';
import { listUnstableCases } from '../history/unstable-history.ts';
import { buildTrackerModel, runsToCompare, type TrackerConfig } from './model.ts';
import { renderTrackerMarkdown } from './render.ts';
import { FULL_TRACKER_FILE, renderTrackerSummary } from './render-summary.ts';

/** File name of the tracker inside the results directory. */
export const TRACKER_FILE = 'TRACKER.md';

/** Write `<resultsDir>/<file>` (TRACKER.md by default) atomically (temp file, fsync, rename). Returns the path. */
export async function writeTracker(resultsDir: string, markdown: string, file: string = TRACKER_FILE): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const target = path.join(resultsDir, file);
  await writeFileAtomic(target, markdown);
  return target;
}

/**
 * Rebuild the tracker from the history under `resultsDir` and write it: TRACKER.md (overview, coverage, newest runs;
 * bounded) and TRACKER-full.md (every section, comparison and run). Returns TRACKER.md's path. Reads run summaries (the history index), and
 * per-case data only of the runs its comparisons pair. Invalid history files are skipped and named.
 */
export async function updateTracker(resultsDir: string, config: TrackerConfig): Promise<{ path: string; skippedFiles: string[] }> {
  const history = await listRunSummaries(resultsDir);
  const skippedFiles = history.invalid.map((file) => path.relative(resultsDir, file.path));
  const summaries = history.runs.map((run) => run.record);
  // The unstable cases (remembered per condition, see unstable-history.ts), then the per-case data of the runs the
  // comparisons pair.
  const unstable = await listUnstableCases(resultsDir, history.runs);
  const loaded = await loadCases(history.runs, runsToCompare(summaries));
  const model = buildTrackerModel(summaries, config, {
    skippedFiles,
    cases: (runId, key) => loaded.get(runId)?.get(key),
    unstable,
  });
  await writeTracker(resultsDir, renderTrackerMarkdown(model), FULL_TRACKER_FILE);
  return { path: await writeTracker(resultsDir, renderTrackerSummary(model)), skippedFiles };
}

/**
 * Append markdown to the GitHub Actions step summary (`GITHUB_STEP_SUMMARY`); appends, never overwrites.
 * Returns false when the variable is unset (not on GitHub Actions).
 */
export async function appendStepSummary(markdown: string, env: Record<string, string | undefined> = process.env): Promise<boolean> {
  const file = env.GITHUB_STEP_SUMMARY?.trim();
  if (!file) return false;
  await appendFile(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
  return true;
}
