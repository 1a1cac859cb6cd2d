import { readFileSync } from 'node:fs';
import { readCaseRecord, type CaseRecord } from '../shared/records/case-record.ts';

const byFile = new Map<string, CaseRecord[]>();

// Case records of an earlier run, for one dataset and variant, keyed by case id. Lines that do not parse
// (a record cut short by a crash) and cases that ended in error are left out, so they are asked again.
export function loadResumedCases(file: string, dataset: string, variant: string): Map<string, CaseRecord> {
  let records = byFile.get(file);
  if (!records) {
    records = readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => {
        try {
          return readCaseRecord(JSON.parse(line));
        } catch {
          return undefined;
        }
      })
      .filter((r): r is CaseRecord => r !== undefined);
    byFile.set(file, records);
  }
  const resumed = new Map<string, CaseRecord>();
  for (const record of records) {
    if (record.dataset === dataset && record.variant === variant && record.verdict !== 'error') resumed.set(record.caseId, record);
  }
  return resumed;
}
