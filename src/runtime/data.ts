import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { resolveDatasetFile } from '../shared/datasets/fetch-dataset.ts';
import { toDatasetPin, type DatasetFilePin } from '../shared/datasets/pins.ts';
import { DatasetError } from '../shared/errors.ts';
import type { DatasetPin } from '../shared/records/suite-meta.ts';

// Where an eval's cases come from: an array, a function, a local JSONL/CSV file, or a remote file pinned by sha256.
// Every source reports the files it read (with their sha256) so a changed dataset changes the run's fingerprint.

/** What loading a data source gives the eval machinery. */
export interface LoadedData<Item> {
  items: Item[];
  /** Files the items came from, with their sha256; recorded in the run record and the fingerprint. */
  pins: DatasetPin[];
}

/** Settings a loader may need. */
export interface DataContext {
  /** Download base for pinned remote files (a loopback mirror in tests); null = the file's own URL. */
  datasetBaseUrl: string | null;
}

/** A data source that knows how to load itself. */
export interface DataLoader<Item> {
  /** Shown in errors: `jsonl evals/arith.jsonl`. */
  readonly description: string;
  load(context: DataContext): Promise<LoadedData<Item>>;
}

/** The cases of an eval: an array, a function returning them (sync or async), or a loader (`jsonl()`, `csv()`, `remoteFile()`). */
export type DataSource<Item> = readonly Item[] | (() => readonly Item[] | Promise<readonly Item[]>) | DataLoader<Item>;

/** Options of the file loaders. */
export interface FileDataOptions<Item> {
  /** Validates and shapes each record; a record that does not match fails the load naming its line. */
  schema?: z.ZodType<Item>;
}

// Load any data source.
export async function loadData<Item>(source: DataSource<Item>, context: DataContext): Promise<LoadedData<Item>> {
  if (Array.isArray(source)) return { items: [...(source as readonly Item[])], pins: [] };
  if (typeof source === 'function') {
    const items = await (source as () => readonly Item[] | Promise<readonly Item[]>)();
    if (!Array.isArray(items))
      throw new DatasetError(
        'EVAL_DATASET_UNAVAILABLE',
        `The eval's \`data\` function returned ${typeof items}, expected an array of cases.`,
      );
    return { items: [...items], pins: [] };
  }
  return (source as DataLoader<Item>).load(context);
}

/**
 * Cases from a local JSON Lines file, one object per line. Relative paths resolve against the working directory
 * (the Vitest root); pass `new URL('./cases.jsonl', import.meta.url)` for a path next to the eval file.
 * @example data: jsonl('evals/arith.jsonl')
 */
export function jsonl<Item = Record<string, unknown>>(file: string | URL, options: FileDataOptions<Item> = {}): DataLoader<Item> {
  const target = toPath(file);
  return {
    description: `jsonl ${target}`,
    load: async () => {
      const text = await readLocal(target);
      return { items: parseJsonLinesText(text, target, options.schema), pins: [localPin(target, text)] };
    },
  };
}

/**
 * Cases from a local CSV file with a header row; each row becomes an object keyed by the header (values are strings
 * unless a `schema` coerces them, e.g. `z.object({ answer: z.coerce.number() })`).
 * @example data: csv('evals/capitals.csv')
 */
export function csv<Item = Record<string, string>>(
  file: string | URL,
  options: FileDataOptions<Item> & { delimiter?: string } = {},
): DataLoader<Item> {
  const target = toPath(file);
  return {
    description: `csv ${target}`,
    load: async () => {
      const text = await readLocal(target);
      return { items: await parseCsvText(text, target, options), pins: [localPin(target, text)] };
    },
  };
}

/** A remote file pinned by its sha256: downloaded once, verified, cached (`EVAL_CACHE_DIR`). */
export interface RemoteFileOptions<Item> extends FileDataOptions<Item> {
  url: string;
  /** sha256 (hex) of the file at `url`; a download with other bytes fails and nothing is cached. */
  sha256: string;
  /** How the file is read. */
  format: 'jsonl' | 'csv' | 'json';
  /** Data license, for the tracker. */
  license?: string;
}

/**
 * Cases from a remote file pinned by sha256.
 * @example data: remoteFile({ url: 'https://example.org/q.jsonl', sha256: '3730…', format: 'jsonl' })
 */
export function remoteFile<Item = Record<string, unknown>>(options: RemoteFileOptions<Item>): DataLoader<Item> {
  const pin = remotePin(options);
  return {
    description: `${options.format} ${options.url}`,
    load: async (context) => {
      const text = await readPinnedText(pin, context);
      return { items: await parseText(text, options.url, options), pins: [toDatasetPin(pin)] };
    },
  };
}

/** Text of a pinned file (downloaded, verified against its sha256, cached); built-in datasets read through this. */
export async function readPinnedText(pin: DatasetFilePin, context: DataContext): Promise<string> {
  const file = await resolveDatasetFile(pin, context.datasetBaseUrl ? { baseUrl: context.datasetBaseUrl } : {});
  return readFile(file, 'utf8');
}

/** Parse JSON Lines text; with a schema each record is validated. Errors name the source and line. */
export function parseJsonLinesText<Item>(text: string, source: string, schema?: z.ZodType<Item>): Item[] {
  const items: Item[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new DatasetError('EVAL_DATASET_UNAVAILABLE', `${source}: line ${index + 1} is not valid JSON (${(error as Error).message}).`, {
        cause: error,
      });
    }
    items.push(validate(value, schema, `${source}: line ${index + 1}`));
  }
  return items;
}

// The CSV parser loads with the first CSV file: most suites read JSON lines, and it would otherwise load with every
// eval file before the first request (20-30 ms here).
async function parseCsvText<Item>(text: string, source: string, options: FileDataOptions<Item> & { delimiter?: string }): Promise<Item[]> {
  const { parse: parseCsv } = await import('csv-parse/sync');
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, {
      columns: true,
      skip_empty_lines: true,
      trim: false,
      bom: true,
      ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    });
  } catch (error) {
    throw new DatasetError('EVAL_DATASET_UNAVAILABLE', `${source}: not valid CSV (${(error as Error).message}).`, { cause: error });
  }
  return rows.map((row, i) => validate(row, options.schema, `${source}: row ${i + 2}`));
}

async function parseText<Item>(text: string, source: string, options: RemoteFileOptions<Item>): Promise<Item[]> {
  if (options.format === 'jsonl') return parseJsonLinesText(text, source, options.schema);
  if (options.format === 'csv') return await parseCsvText(text, source, options);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DatasetError('EVAL_DATASET_UNAVAILABLE', `${source}: not valid JSON (${(error as Error).message}).`, { cause: error });
  }
  if (!Array.isArray(value))
    throw new DatasetError('EVAL_DATASET_UNAVAILABLE', `${source}: expected a JSON array of cases, got ${typeof value}.`);
  return value.map((item, i) => validate(item, options.schema, `${source}: item ${i}`));
}

function validate<Item>(value: unknown, schema: z.ZodType<Item> | undefined, where: string): Item {
  if (!schema) return value as Item;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new DatasetError('EVAL_DATASET_UNAVAILABLE', `${where} does not match the eval's schema (${issues}).`);
}

function toPath(file: string | URL): string {
  return file instanceof URL ? fileURLToPath(file) : path.resolve(file);
}

async function readLocal(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new DatasetError('EVAL_DATASET_UNAVAILABLE', `Cannot read the eval's data file ${file}: ${(error as Error).message}.`, {
      cause: error,
    });
  }
}

// A local file is recorded by its path relative to the working directory and its content hash.
function localPin(file: string, text: string): DatasetPin {
  return {
    repository: 'local',
    commit: '',
    path: path.relative(process.cwd(), file) || file,
    sha256: createHash('sha256').update(text).digest('hex'),
  };
}

function remotePin<Item>(options: RemoteFileOptions<Item>): DatasetFilePin {
  if (!/^[0-9a-f]{64}$/i.test(options.sha256)) {
    throw new DatasetError(
      'EVAL_DATASET_UNAVAILABLE',
      `\`remoteFile({ sha256 })\` must be 64 hex digits, received ${JSON.stringify(options.sha256)}.`,
    );
  }
  const url = new URL(options.url);
  return {
    id: options.url,
    repository: url.host,
    commit: options.sha256.slice(0, 12).toLowerCase(),
    path: url.pathname.replace(/^\/+/, ''),
    sha256: options.sha256.toLowerCase(),
    urlTemplate: options.url,
    ...(options.license ? { license: options.license } : {}),
  };
}
