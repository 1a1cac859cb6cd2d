import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  casesToCompare,
  findUnstableCasesOf,
  mergeUnstable,
  type UnstableCase,
  UnstableCaseSchema,
  type UnstableGroup,
  unstableGroups,
  unstableIdsByDataset,
} from '../../shared/history/unstable-cases.ts';
import { harnessVersion } from '../../shared/package-root.ts';
import { loadCases } from './case-data.ts';
import { type StoredSummary, listRunSummaries, writeFileAtomic } from './store.ts';

// The unstable cases of a history (shared/history/unstable-cases.ts says what they are): summaries for every run,
// per-case data only for the newest runs of each condition that more than one run shares. What each group gave is
// remembered beside the history index, keyed by its runs' files: a group whose runs did not change is not read
// again (ten full records of a 1,000-run history, ~0.2 s a run), a new run in a condition reads that group anew.

/** File of the remembered groups, beside `runs/`. A cache: missing, corrupt or stale, it is rebuilt. */
const UNSTABLE_CACHE_FILE = '.unstable-cases.json';

const UnstableCacheSchema = z.object({
  version: z.literal(1),
  /** The harness that found them: another version may find them otherwise, so its file is not used. */
  harness: z.string(),
  groups: z.record(z.string(), z.object({ runs: z.string(), cases: z.array(UnstableCaseSchema) })),
});
type UnstableCache = z.infer<typeof UnstableCacheSchema>;

/** Every unstable case of the history under `resultsDir` (ordered as findUnstableCases orders them). */
export async function listUnstableCases(resultsDir: string, history?: readonly StoredSummary[]): Promise<UnstableCase[]> {
  const runs = history ?? (await listRunSummaries(resultsDir)).runs;
  const byId = new Map(runs.map((run) => [run.record.runId, run]));
  const groups = unstableGroups(runs.map((run) => run.record));
  const cacheFile = path.join(resultsDir, UNSTABLE_CACHE_FILE);
  const harness = harnessVersion();
  const cached = await readCache(cacheFile, harness);
  const next: UnstableCache = { version: 1, harness, groups: {} };
  const stale: Array<{ group: UnstableGroup; key: string }> = [];
  for (const group of groups) {
    const key = runsKey(group, byId);
    const known = cached?.groups[group.id];
    if (known?.runs === key) next.groups[group.id] = known;
    else stale.push({ group, key });
  }
  if (stale.length > 0) {
    const wanted = casesToCompare(stale.map(({ group }) => group));
    const loaded = await loadCases(
      runs.filter((run) => wanted.has(run.record.runId)),
      wanted,
    );
    for (const { group, key } of stale) {
      next.groups[group.id] = { runs: key, cases: findUnstableCasesOf(group, (runId, dataset) => loaded.get(runId)?.get(dataset)) };
    }
  }
  // Only the groups of this history are kept, so the file stays as small as the history's conditions.
  if (stale.length > 0 || Object.keys(cached?.groups ?? {}).length !== groups.length) {
    await writeFileAtomic(cacheFile, `${JSON.stringify(next)}\n`).catch(() => {});
  }
  return mergeUnstable(Object.values(next.groups).flatMap((group) => group.cases));
}

/** Unstable case ids of a model and simulation mode per dataset key (`{}` when none): what its baseline gates leave out. */
export async function readUnstableCases(
  resultsDir: string,
  modelKey: string,
  simulation: string | null,
): Promise<Record<string, string[]>> {
  return unstableIdsByDataset(await listUnstableCases(resultsDir), modelKey, simulation);
}

// The group's runs as they are on disk: ids with their files' sizes and modification times (every run of a group
// comes from the listing).
function runsKey(group: UnstableGroup, byId: ReadonlyMap<string, StoredSummary>): string {
  return JSON.stringify(
    group.runs.map((runId) => {
      const { stamp } = byId.get(runId)!;
      return [runId, stamp.size, stamp.mtimeMs];
    }),
  );
}

// The remembered groups; null when missing, unreadable, or written by another harness version.
async function readCache(file: string, harness: string): Promise<UnstableCache | null> {
  try {
    const parsed = UnstableCacheSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success && parsed.data.harness === harness ? parsed.data : null;
  } catch {
    return null;
  }
}
