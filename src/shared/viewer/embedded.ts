import type { CaseRecord } from '../records/case-record.ts';
import type { RunRecord } from '../records/run-record.ts';
import type { ViewerData } from './types.ts';

// The data an export embeds: the chosen runs' records and their case records, as one JSON document (gzipped and
// base64-encoded in the file).

/** The embedded document of an export. */
export interface EmbeddedResults {
  resultsDir: string;
  records: RunRecord[];
  /** Case records by run id; a run without case records is absent. */
  cases: Record<string, CaseRecord[]>;
}

/** The viewer's data over an embedded document. */
export function embeddedViewerData(results: EmbeddedResults): ViewerData {
  return {
    resultsDir: results.resultsDir,
    summaries: results.records,
    loadRecord: async (runId) => {
      const record = results.records.find((r) => r.runId === runId);
      if (!record) throw new Error(`The export has no run ${runId}.`);
      return record;
    },
    hasCases: (runId) => Object.hasOwn(results.cases, runId),
    loadCases: async (runId) => results.cases[runId] ?? [],
  };
}
