import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { renderExport } from '../src/node/viewer/export-html.ts';
import { loadResults } from '../src/node/viewer/load-results.ts';
import { startViewerServer } from '../src/node/viewer/viewer-server.ts';
import type { CaseRecord } from '../src/shared/records/case-record.ts';
import { readShared } from '../test/helpers/shared.ts';
import { makeDataset, makeRun } from '../test/node/tracker/fixtures.ts';
import { requireChromium } from '../test/viewer/chromium.ts';

// Benchmark: the viewer on one run of 25,000 cases (real GSM8K questions and real model solutions from the shared
// copy, repeated): case file size, server paging, page load to the first rows, a search, and the export's size
// and offline load. Times are wall clock on this machine (shared cores), single runs.

const CASES = 25_000;
const SOLVERS = ['6b_finetuning', '6b_verification', '175b_finetuning', '175b_verification'] as const;

interface Solved {
  question: string;
  ground_truth: string;
  [solver: string]: { is_correct: boolean; solution: string } | string;
}

function syntheticCases(runId: string): CaseRecord[] {
  const rows = readShared('gsm8k', 'model-outputs', 'example_model_solutions.jsonl')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Solved);
  return Array.from({ length: CASES }, (_, i) => {
    const row = rows[i % rows.length]!;
    const solved = row[SOLVERS[Math.floor(i / rows.length) % SOLVERS.length]!] as { is_correct: boolean; solution: string };
    const expected = row.ground_truth.split('#### ').pop()!.split('A: ').pop()!.trim();
    const extracted = solved.solution.split('A: ').pop()!.trim();
    return {
      runId,
      simulation: null,
      dataset: 'gsm8k',
      variant: '0shot',
      caseId: String(i),
      prompt: `user: ${row.question}\nPlease reason step by step, and put your final answer within \\boxed{}.`,
      response: solved.solution,
      expected,
      extracted: { strict: extracted },
      scores: { strict: solved.is_correct ? 1 : 0 },
      verdict: solved.is_correct ? 'correct' : 'wrong',
      usage: { promptTokens: 120, completionTokens: 90 },
      timing: { requests: 1, ttftMs: 30, latencyMs: 900 },
      quality: { truncated: 0, overLength: 0, capped: 0, retries: 0 },
    };
  });
}

async function timeUntil(page: Page, action: () => Promise<unknown>, rows: string): Promise<number> {
  const start = performance.now();
  await action();
  await page.locator(rows).first().waitFor();
  return Math.round(performance.now() - start);
}

test('the viewer on a 25,000-case run', async () => {
  const executablePath = requireChromium();
  if (!executablePath) return;
  const dir = await mkdtemp(path.join(tmpdir(), 'viewer-scale-'));
  try {
    const cases = syntheticCases('run-25k');
    const run = makeRun({ runId: 'run-25k', datasets: [makeDataset({ scores: cases.map((c) => c.scores.strict!) })] });
    await writeFile(path.join(await mkdirs(dir, 'runs'), 'run-25k.json'), JSON.stringify(run));
    await writeFile(path.join(await mkdirs(dir, 'cases'), 'run-25k.jsonl'), `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`);
    const casesBytes = (await stat(path.join(dir, 'cases', 'run-25k.jsonl'))).size;

    const { data } = await loadResults(dir);
    const coldStart = performance.now();
    await data.loadCases('run-25k');
    const coldMs = Math.round(performance.now() - coldStart);
    const server = await startViewerServer(data);
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const loadMs = await timeUntil(page, () => page.goto(`${server.url}#/run/run-25k`), '.cases-table tbody tr');
      const status = page.locator('.cases [role=status]');
      const wrongStart = performance.now();
      await page.locator('#verdict-filter').selectOption('wrong');
      await expect.poll(() => page.locator('.cases-table tbody tr:not(.verdict-wrong)').count(), { interval: 20 }).toBe(0);
      const wrongMs = Math.round(performance.now() - wrongStart);
      const before = await status.textContent();
      const searchStart = performance.now();
      await page.locator('#search').fill('ducks lay 16 eggs');
      await expect.poll(() => status.textContent(), { interval: 20 }).not.toBe(before);
      await expect.poll(() => status.textContent(), { interval: 20 }).toMatch(/of \d+$/);
      const searchMs = Math.round(performance.now() - searchStart);

      const { html } = await renderExport(data);
      const exportFile = path.join(dir, 'viewer.html');
      await writeFile(exportFile, html);
      const offline = await browser.newPage();
      const exportLoadMs = await timeUntil(
        offline,
        () => offline.goto(`${pathToFileURL(exportFile).href}#/run/run-25k`),
        '.cases-table tbody tr',
      );
      const decodeMs = await offline.evaluate(() => Math.round(performance.getEntriesByName('viewer:data', 'measure')[0]?.duration ?? -1));
      console.log(
        [
          `viewer on ${CASES} cases (wall clock, this machine, single runs):`,
          `  cases file ${(casesBytes / 1e6).toFixed(1)} MB; server reads it in ${coldMs} ms (streamed, once per run)`,
          `  served page: first 100 cases shown ${loadMs} ms after navigation; "wrong" filter ${wrongMs} ms; a search ${searchMs} ms (incl. 200 ms typing debounce)`,
          `  export: ${(Buffer.byteLength(html) / 1e6).toFixed(1)} MB single file; opened from file:// to first rows in ${exportLoadMs} ms, of which decoding the data ${decodeMs} ms`,
        ].join('\n'),
      );
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

async function mkdirs(dir: string, name: string): Promise<string> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(path.join(dir, name), { recursive: true });
  return path.join(dir, name);
}
