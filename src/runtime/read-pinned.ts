import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolveDatasetFile } from '../shared/datasets/fetch-dataset.ts';
import { findDatasetPin, toDatasetPin, type DatasetPinId } from '../shared/datasets/pins.ts';
import type { DatasetPin } from '../shared/records/run-record.ts';

/** Where pinned files come from: a base URL (loopback mirror in tests and demos) or the public hosts. */
export interface DatasetSource {
  datasetBaseUrl: string | null;
}

// Resolve (download, verify, cache) a pinned file and return its text with the pin for the run record.
export async function readPinned(id: DatasetPinId, source: DatasetSource): Promise<{ text: string; pin: DatasetPin }> {
  const file = await resolveDatasetFile(id, source.datasetBaseUrl ? { baseUrl: source.datasetBaseUrl } : {});
  return { text: await readFile(file, 'utf8'), pin: toDatasetPin(findDatasetPin(id)!) };
}

// Hash what shapes the prompts (templates, few-shot blocks), so runs with other prompts are told apart.
export function hashPrompt(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

// The first `limit` items (EVAL_LIMIT), or all.
export function applyLimit<T>(items: T[], limit: number | null): T[] {
  return limit === null ? items : items.slice(0, limit);
}
