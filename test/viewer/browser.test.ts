import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderExport } from '../../src/node/viewer/export-html.ts';
import { loadResults } from '../../src/node/viewer/load-results.ts';
import { startViewerServer, type ViewerServer } from '../../src/node/viewer/viewer-server.ts';
import { requireChromium } from './chromium.ts';
import { threeRuns, writeResultsFolder } from './fixtures.ts';

// The viewer in a real browser (Debian's chromium through playwright-core), one launch for every check: a results
// folder of three runs served on loopback, and its single-file export opened from file:// with the network blocked.

const executablePath = requireChromium();

describe.skipIf(!executablePath)('viewer in chromium', () => {
  let dir: string;
  let browser: Browser;
  let server: ViewerServer;
  let page: Page;
  // Requests the page made outside the server, and CSP or script errors it logged.
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  const started = performance.now();
  let launchMs = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'viewer-browser-'));
    const { base, edited, simulated } = threeRuns();
    await writeResultsFolder(path.join(dir, 'results'), [base, edited, simulated]);
    const { data } = await loadResults(path.join(dir, 'results'));
    server = await startViewerServer(data);
    // Root in CI: chromium's sandbox needs an unprivileged user, so it runs without it (trusted local pages only).
    const launching = performance.now();
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    launchMs = Math.round(performance.now() - launching);
    page = await browser.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) foreignRequests.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
    console.log(
      `viewer browser checks: ${Math.round(performance.now() - started)} ms in all, of which the one chromium launch ${launchMs} ms`,
    );
  });

  test('the runs list shows the three runs, the simulated one marked', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.locator('#runs-view tbody tr').count()).toBe(3);
    expect(await page.locator('tr[data-run="run-simulated"] .badge.simulated').textContent()).toBe('simulated mix:0.3');
    expect(await page.locator('.history svg circle').count()).toBe(3);
  });

  test('follows the system’s light or dark setting', async () => {
    // A string expression: the test's own types have no DOM.
    const background = () => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    await page.goto(server.url);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    await page.emulateMedia({ colorScheme: 'light' });
    expect({ dark, light: await background() }).toEqual({ dark: 'rgb(13, 17, 23)', light: 'rgb(255, 255, 255)' });
  });

  test('a run opened from the list shows its wrong cases when the verdict filter says wrong', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'run-base' }).click();
    await page.locator('#verdict-filter').selectOption('wrong');
    await expect.poll(() => caseIds(page)).toEqual(['15', '16', '17', '18', '19']);
    expect(await page.locator('#verdict-filter option:checked').textContent()).toBe('wrong (5)');
    expect(page.url()).toContain('verdict=wrong');
  });

  test('a run shows its throughput, server metrics and serving benchmark, simulated ones said so', async () => {
    await page.goto(`${server.url}#/run/run-base`);
    await expect.poll(() => page.getByRole('region', { name: 'Throughput' }).textContent()).toContain('Requests/s2.0 req/s');
    await page.goto(`${server.url}#/run/run-edited`);
    await expect.poll(() => page.getByRole('region', { name: 'Server metrics' }).textContent()).toContain('Peak KV cache usage42.0%');
    await page.goto(`${server.url}#/run/run-simulated`);
    const bench = page.getByRole('region', { name: 'Serving benchmark' });
    await expect.poll(() => bench.locator('h2').textContent()).toContain('simulated timing model');
    expect(await bench.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['concurrency 1', 'concurrency 8']);
  });

  test('`/` focuses the search, typing narrows the cases, `j` opens the first one in full', async () => {
    await page.goto(`${server.url}#/run/run-base`);
    await expect.poll(() => caseIds(page).then((ids) => ids.length)).toBe(20);
    await page.keyboard.press('/');
    await page.keyboard.type('times 12?');
    await expect.poll(() => caseIds(page)).toEqual(['12']);
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('.detail pre').first().textContent()).toBe('user: Question 12 of gsm8k: what is 7 times 12?');
  });

  test('two runs picked in the list are compared with the flipped cases first, both answers of a case beside them', async () => {
    await page.goto(server.url);
    await page.getByRole('checkbox', { name: 'Pick run-base for comparison' }).check();
    await page.getByRole('checkbox', { name: 'Pick run-edited for comparison' }).check();
    await page.locator('#compare-picked').click();
    await expect.poll(() => flips(page).then((rows) => rows.slice(0, 4))).toEqual(['fixed 15', 'fixed 16', 'broken 3', 'same 0']);
    await page.locator('#flipped-only').check();
    await expect.poll(() => flips(page)).toEqual(['fixed 15', 'fixed 16', 'broken 3']);
    await page.keyboard.press('j');
    await expect
      .poll(() => page.locator('.detail pre').allTextContents())
      .toEqual([
        'user: Question 15 of gsm8k: what is 7 times 15?',
        'Seven times 15 is \\boxed{106}.',
        'user: Question 15 of gsm8k: what is 7 times 15?',
        'Seven times 15 is \\boxed{105}.',
      ]);
  });

  test('the served page asked nothing but its own server and broke no Content-Security-Policy rule', () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('the export opens from file:// with every network request blocked, and shows wrong and flipped cases', async () => {
    const { data } = await loadResults(path.join(dir, 'results'));
    const file = path.join(dir, 'viewer.html');
    await writeFile(file, (await renderExport(data)).html);
    const context = await browser.newContext();
    const attempted: string[] = [];
    const errors: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      attempted.push(url);
      return route.abort();
    });
    const offline = await context.newPage();
    offline.on('pageerror', (error) => errors.push(error.message));
    offline.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const url = pathToFileURL(file).href;
    await offline.goto(`${url}#/run/run-base?verdict=wrong`);
    await expect.poll(() => caseIds(offline)).toEqual(['15', '16', '17', '18', '19']);
    await offline.goto(`${url}#/compare/run-base/run-edited?flipped=1`);
    await expect.poll(() => flips(offline)).toEqual(['fixed 15', 'fixed 16', 'broken 3']);
    await context.close();
    expect({ attempted, errors }).toEqual({ attempted: [], errors: [] });
  });
});

function caseIds(page: Page): Promise<string[]> {
  return page.locator('.cases-table tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case') ?? ''));
}

function flips(page: Page): Promise<string[]> {
  return page
    .locator('.pairs-table tbody tr')
    .evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-flip')} ${row.getAttribute('data-case')}`));
}
