import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { ConfigError } from '../../shared/errors.ts';
import { readRunRecord } from '../../shared/history/run-record-file.ts';
import type { RunRecord } from '../../shared/records/run-record.ts';
import type { Sampling } from '../../shared/sampling.ts';
import { runRecordPath } from './store.ts';

// EVAL_RESUME names an interrupted run whose recorded cases this run keeps, asking only the others. The two halves
// end up in one run record, so they must come from the same model, preset, sampling, thinking switch and kind of
// server (a model or the same simulation): a resume that differs is refused, naming what differs, before any case
// is asked.

/** The run to resume: its case records, and its run record when one was written (an interrupt writes one). */
export interface ResolvedResume {
  casesFile: string;
  record: RunRecord | null;
}

/** What this run is, in the respects a resumed run must share. */
export interface ResumeTarget {
  modelId: string;
  preset: string;
  sampling: Sampling;
  reasoning: RunRecord['model']['reasoning'];
  /** Simulation mode of this run's server (null: a model); undefined while not known yet. */
  simulation: string | null | undefined;
}

// Find the run EVAL_RESUME names (a run id under the results folder, or a path to a cases .jsonl); null when unset.
export async function resolveResume(value: string | undefined, resultsDir: string): Promise<ResolvedResume | null> {
  if (!value) return null;
  const casesFile = value.endsWith('.jsonl') ? resolve(value) : join(resultsDir, 'cases', `${value}.jsonl`);
  if (!existsSync(casesFile)) {
    throw new ConfigError(
      `\`EVAL_RESUME\` is "${value}", expected a run id with case records under ${join(resultsDir, 'cases')} or a path to a cases .jsonl file; ${casesFile} does not exist.`,
    );
  }
  const recordFile = runRecordPath(resultsDir, basename(casesFile, '.jsonl'));
  return { casesFile, record: existsSync(recordFile) ? await readRunRecord(recordFile) : null };
}

/** Refuse to resume a run that differs from this one, naming each difference; fields not known yet are not compared. */
export function checkResumeMatches(resume: ResolvedResume, target: ResumeTarget): void {
  const differences: string[] = [];
  const compare = (what: string, resumed: unknown, current: unknown) => {
    if (canonicalJson(resumed) !== canonicalJson(current)) differences.push(`${what} ${describe(resumed)} (now ${describe(current)})`);
  };
  const { record } = resume;
  if (record) {
    compare('model', record.model.id, target.modelId);
    compare('preset', record.preset, target.preset);
    compare('sampling', record.sampling, target.sampling);
    compare('reasoning', record.model.reasoning, target.reasoning);
  }
  if (target.simulation !== undefined) {
    const resumed = record ? record.simulation : firstCaseSimulation(resume.casesFile);
    if (resumed !== undefined) compare('server', serverKind(resumed), serverKind(target.simulation));
  }
  if (differences.length === 0) return;
  throw new ConfigError(
    `\`EVAL_RESUME\` names ${resume.casesFile}, a run with ${differences.join(', ')}: one run record would mix the two. ` +
      'Resume it with the settings it ran with (the `resume:` line its run printed has them), or start a new run without EVAL_RESUME.',
  );
}

function serverKind(simulation: string | null): string {
  return simulation === null ? 'a model' : `the simulated vLLM (${simulation})`;
}

// The simulation mode the first readable case record of a cases file names; undefined when none is readable.
function firstCaseSimulation(casesFile: string): string | null | undefined {
  for (const line of readFileSync(casesFile, 'utf8').split('\n')) {
    try {
      const simulation = (JSON.parse(line) as { simulation?: unknown }).simulation;
      if (simulation === null || typeof simulation === 'string') return simulation;
    } catch {
      // a line cut short by a crash
    }
  }
  return undefined;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
