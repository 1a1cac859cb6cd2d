import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { ConfigError } from '../../shared/errors.ts';
import type { EmbeddedResults } from '../../shared/viewer/embedded.ts';
import type { ViewerData } from '../../shared/viewer/types.ts';
import { loadUiAssets } from './bundle-ui.ts';
import { renderPage } from './render-page.ts';

// The viewer as one self-contained HTML file (CI artifacts): page, script, style and the chosen runs' data embedded,
// gzipped and base64-encoded; opens from file:// with no network.

/** What an export wrote. */
export interface ExportSummary {
  file: string;
  runs: number;
  cases: number;
  /** Size of the HTML file. @unit bytes */
  bytes: number;
  /** Size of the embedded data before compression. @unit bytes */
  rawDataBytes: number;
}

/** Build the export's HTML from loaded results; `runIds` picks runs (all when absent or empty). */
export async function renderExport(
  data: ViewerData,
  runIds?: readonly string[],
): Promise<{ html: string; summary: Omit<ExportSummary, 'file' | 'bytes'> }> {
  const records = await Promise.all(pickRuns(data, runIds).map((summary) => data.loadRecord(summary.runId)));
  const cases: EmbeddedResults['cases'] = {};
  let count = 0;
  for (const record of records) {
    if (!data.hasCases(record.runId)) continue;
    cases[record.runId] = await data.loadCases(record.runId);
    count += cases[record.runId]!.length;
  }
  const json = JSON.stringify({ resultsDir: data.resultsDir, records, cases } satisfies EmbeddedResults);
  const gzipBase64 = (await promisify(gzip)(json)).toString('base64');
  const html = renderPage(await loadUiAssets(), { mode: 'embedded', gzipBase64 }, `qwen-evals results (${records.length} runs)`);
  return { html, summary: { runs: records.length, cases: count, rawDataBytes: Buffer.byteLength(json) } };
}

/** Write the export to `file`. */
export async function exportViewer(data: ViewerData, file: string, runIds?: readonly string[]): Promise<ExportSummary> {
  const { html, summary } = await renderExport(data, runIds);
  await writeFile(file, html);
  return { ...summary, file, bytes: Buffer.byteLength(html) };
}

function pickRuns(data: ViewerData, runIds?: readonly string[]) {
  if (!runIds?.length) return data.summaries;
  const byId = new Map(data.summaries.map((summary) => [summary.runId, summary]));
  const missing = runIds.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw new ConfigError(
      `\`--runs\` names ${missing.map((id) => JSON.stringify(id)).join(', ')}, which ${data.resultsDir}/runs does not have; expected run ids among: ${[...byId.keys()].join(', ') || '(no runs)'}.`,
    );
  }
  return runIds.map((id) => byId.get(id)!);
}
