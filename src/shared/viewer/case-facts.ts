import type { CaseRecord } from '../records/case-record.ts';

// What the case table shows of a record beyond its fields: why it failed, and the answer the primary metric took.

/** One line on why a case did not pass; empty for a correct or graded case with nothing to say. */
export function describeFailure(record: CaseRecord): string {
  if (record.error) return `${record.error.kind ?? record.error.name}: ${record.error.message}`;
  const notes: string[] = [];
  if (record.verdict === 'unparseable') notes.push('no answer could be extracted');
  if (record.quality.truncated > 0) notes.push('cut at max_tokens');
  if (record.quality.capped > 0) notes.push('response over the storage cap');
  if (record.quality.retries > 0) notes.push(`${record.quality.retries} retries`);
  return notes.join('; ');
}

/** What the primary metric's extractor took from the response, else the first metric's; null when nothing parsed. */
export function primaryExtracted(record: Pick<CaseRecord, 'extracted'>, primaryMetric: string | undefined): string | null {
  if (primaryMetric && primaryMetric in record.extracted) return record.extracted[primaryMetric] ?? null;
  return Object.values(record.extracted)[0] ?? null;
}
