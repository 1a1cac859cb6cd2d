import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderExport } from '../../../src/node/viewer/export-html.ts';
import { loadResults } from '../../../src/node/viewer/load-results.ts';
import { ConfigError } from '../../../src/shared/errors.ts';
import type { ViewerData } from '../../../src/shared/viewer/types.ts';
import { threeRuns, writeResultsFolder } from '../fixtures.ts';

let dir: string;
let data: ViewerData;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'viewer-export-'));
  const { base, edited, simulated } = threeRuns();
  await writeResultsFolder(dir, [base, edited, simulated]);
  data = (await loadResults(dir)).data;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function embedded(html: string): { records: Array<{ runId: string }>; cases: Record<string, unknown[]> } {
  const settings = JSON.parse(html.match(/<script type="application\/json" id="viewer-data">(.*?)<\/script>/)![1]!);
  return JSON.parse(gunzipSync(Buffer.from(settings.gzipBase64, 'base64')).toString('utf8'));
}

describe('renderExport', () => {
  test('embeds the chosen runs and their case records, gzipped, with no way to connect anywhere', async () => {
    const { html, summary } = await renderExport(data, ['run-edited', 'run-base']);
    const doc = embedded(html);
    expect(doc.records.map((r) => r.runId)).toEqual(['run-edited', 'run-base']);
    expect(Object.keys(doc.cases).sort()).toEqual(['run-base', 'run-edited']);
    expect(summary).toMatchObject({ runs: 2, cases: 40 });
    expect(html).toContain("connect-src 'none'");
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  test('exports every run when none is named', async () => {
    expect(embedded((await renderExport(data)).html).records).toHaveLength(3);
  });

  test('a run id the folder lacks is refused, naming it and the runs there are', async () => {
    const attempt = renderExport(data, ['run-base', 'run-gone']);
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(renderExport(data, ['run-gone'])).rejects.toThrow(/`--runs` names "run-gone".*run-base, run-edited, run-simulated/);
  });
});
