import { createViewerBackend, type ViewerBackend } from '../../shared/viewer/backend.ts';
import { embeddedViewerData, type EmbeddedResults } from '../../shared/viewer/embedded.ts';
import { type PageSettings, SETTINGS_ELEMENT_ID } from '../../shared/viewer/page-settings.ts';
import { caseQueryParams, compareQueryParams } from '../../shared/viewer/query-params.ts';

// Where the page's data comes from: the local server's JSON endpoints, or the export's embedded document run
// through the same backend functions inside the page.

/** Open the page's backend from the settings block written into the HTML. */
export async function openBackend(): Promise<ViewerBackend> {
  const settings = JSON.parse(document.getElementById(SETTINGS_ELEMENT_ID)?.textContent ?? '{}') as PageSettings;
  if (settings.mode === 'embedded') return createViewerBackend(embeddedViewerData(await decodeEmbedded(settings.gzipBase64)));
  return {
    index: () => getJson('api/index'),
    cases: (runId, query) => getJson(`api/cases?${caseQueryParams(runId, query)}`),
    compare: (runA, runB, query) => getJson(`api/compare?${compareQueryParams(runA, runB, query)}`),
    caseRecord: (runId, dataset, caseId) => getJson(`api/case?${new URLSearchParams({ run: runId, dataset, id: caseId })}`),
  };
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error((body as { error?: string }).error ?? `${path}: HTTP ${response.status}`);
  return body as T;
}

// Decompressed in the page (no network): base64 -> bytes -> gzip stream -> JSON. Timed as the `viewer:data` measure.
async function decodeEmbedded(gzipBase64: string): Promise<EmbeddedResults> {
  const start = performance.now();
  const stream = new Blob([decodeBase64(gzipBase64)]).stream().pipeThrough(new DecompressionStream('gzip'));
  const results = JSON.parse(await new Response(stream).text()) as EmbeddedResults;
  performance.measure('viewer:data', { start });
  return results;
}

// Native base64 decoding where the browser has it (Chromium 140+), else atob.
function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> }).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
