import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadResults } from '../../../src/node/viewer/load-results.ts';
import { startViewerServer, type ViewerServer } from '../../../src/node/viewer/viewer-server.ts';
import { threeRuns, writeResultsFolder } from '../fixtures.ts';

let dir: string;
let server: ViewerServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'viewer-server-'));
  const { base, edited, simulated } = threeRuns();
  await writeResultsFolder(dir, [base, edited, simulated], ['run-simulated']);
  server = await startViewerServer((await loadResults(dir)).data);
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

// GET with an explicit Host header (fetch does not let a test set it).
function get(pathname: string, host?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(pathname, server.url);
    const req = request(url, { headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('viewer server', () => {
  test('listens on loopback at a free port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test('serves the page under a CSP that allows exactly its inline script and style, and only its own server', async () => {
    const { status, headers, body } = await get('/');
    expect(status).toBe(200);
    const csp = String(headers['content-security-policy']);
    const script = body.match(/<script>([\s\S]*)<\/script>/)![1]!;
    const style = body.match(/<style>([\s\S]*)<\/style>/)![1]!;
    const hash = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
    expect(csp).toContain(`script-src '${hash(script)}'`);
    expect(csp).toContain(`style-src '${hash(style)}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
  });

  test('the index lists the runs newest first and says which have case records', async () => {
    const index = JSON.parse((await get('/api/index')).body);
    expect(index.runs.map((r: { runId: string; hasCases: boolean }) => `${r.runId} ${r.hasCases}`)).toEqual([
      'run-simulated false',
      'run-edited true',
      'run-base true',
    ]);
  });

  test('pages a run’s cases with the verdict filter from the query', async () => {
    const page = JSON.parse((await get('/api/cases?run=run-base&verdict=wrong&offset=1&limit=2')).body);
    expect(page.cases.map((c: { caseId: string }) => c.caseId)).toEqual(['16', '17']);
    expect(page.total).toBe(5);
  });

  test('pairs two runs with the flipped cases first', async () => {
    const page = JSON.parse((await get('/api/compare?a=run-base&b=run-edited&flipped=1')).body);
    expect(page.pairs.map((p: { caseId: string; flip: string }) => `${p.flip} ${p.caseId}`)).toEqual(['fixed 15', 'fixed 16', 'broken 3']);
  });

  test('gives one case record by dataset key and case id, null for an id the run lacks', async () => {
    const record = JSON.parse((await get('/api/case?run=run-edited&dataset=gsm8k%2F0shot&id=3')).body);
    expect(record).toMatchObject({ runId: 'run-edited', caseId: '3', verdict: 'wrong' });
    expect(JSON.parse((await get('/api/case?run=run-edited&dataset=gsm8k%2F0shot&id=999')).body)).toBeNull();
  });

  test('an unknown run is a 404 naming it', async () => {
    const { status, body } = await get('/api/cases?run=nope');
    expect(status).toBe(404);
    expect(JSON.parse(body).error).toContain('"nope"');
  });

  test('refuses a request for another host name (DNS rebinding)', async () => {
    expect((await get('/api/index', 'attacker.example:80')).status).toBe(421);
  });
});
