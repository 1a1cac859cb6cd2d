import { pairRuns, queryPairs } from './compare-runs.ts';
import type { CaseRecord } from '../records/case-record.ts';
import { caseDatasetKey, queryCases } from './query-cases.ts';
import { buildIndex } from './summarize-run.ts';
import type { CasePage, CasePair, CaseQuery, ComparePage, CompareQuery, ViewerData, ViewerIndex } from './types.ts';

// The viewer's questions answered over loaded results: the local server serves it as JSON, the export runs it in the page.

/** What the page asks: the same calls whether it talks to the local server or to data embedded in an export. */
export interface ViewerBackend {
  index(): Promise<ViewerIndex>;
  cases(runId: string, query: CaseQuery): Promise<CasePage>;
  compare(runA: string, runB: string, query: CompareQuery): Promise<ComparePage>;
  /** One case record of a run by dataset key and case id; null when the run lacks it. */
  caseRecord(runId: string, dataset: string, caseId: string): Promise<CaseRecord | null>;
}

/** A run id the results do not have: the server answers 404. */
export class UnknownRunError extends Error {
  constructor(readonly runId: string) {
    super(`No run ${JSON.stringify(runId)} in the results folder.`);
    this.name = 'UnknownRunError';
  }
}

/** Answer the viewer's questions over `data`; pairings of two runs are kept (one pair at a time is looked at). */
export function createViewerBackend(data: ViewerData): ViewerBackend {
  const known = new Set(data.summaries.map((summary) => summary.runId));
  const index = buildIndex(data.resultsDir, data.summaries, (runId) => data.hasCases(runId));
  let pairing: { key: string; pairs: CasePair[] } | undefined;
  const checkRun = (runId: string) => {
    if (!known.has(runId)) throw new UnknownRunError(runId);
  };
  return {
    index: async () => index,
    async cases(runId, query) {
      checkRun(runId);
      return queryCases(await data.loadCases(runId), query);
    },
    async caseRecord(runId, dataset, caseId) {
      checkRun(runId);
      return lookupCase(await data.loadCases(runId), dataset, caseId);
    },
    async compare(runA, runB, query) {
      const key = `${runA}\n${runB}`;
      if (pairing?.key !== key) {
        checkRun(runA);
        checkRun(runB);
        const [a, b] = await Promise.all([data.loadRecord(runA), data.loadRecord(runB)]);
        pairing = { key, pairs: pairRuns(a, b) };
      }
      return queryPairs(pairing.pairs, query);
    },
  };
}

// Case records by `dataset key \n case id`, built once per loaded run.
const lookups = new WeakMap<readonly CaseRecord[], Map<string, CaseRecord>>();

function lookupCase(records: readonly CaseRecord[], dataset: string, caseId: string): CaseRecord | null {
  let lookup = lookups.get(records);
  if (!lookup) {
    lookup = new Map(records.map((record) => [`${caseDatasetKey(record)}\n${record.caseId}`, record]));
    lookups.set(records, lookup);
  }
  return lookup.get(`${dataset}\n${caseId}`) ?? null;
}
