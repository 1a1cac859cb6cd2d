import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../../helpers/processes.ts';
import { threeRuns, writeResultsFolder } from '../fixtures.ts';

// The `qwen-evals` bin as a user runs it from a checkout (`pnpm qwen-evals view`): the bin, the viewer's launcher,
// its TypeScript loader and the subcommand, in a child process (one spawn: the export's options are tested in-process).

const bin = path.join(repoRoot, 'bin/qwen-evals.mjs');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'viewer-command-'));
  const { base, edited, simulated } = threeRuns();
  await writeResultsFolder(path.join(dir, 'results'), [base, edited, simulated]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function runBin(
  args: string[],
  onStdout?: (text: string, stop: () => void) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onStdout?.(stdout, () => child.kill('SIGINT'));
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('qwen-evals view', () => {
  test('serves the results folder on a free loopback port, printed, until Ctrl-C', async () => {
    let index: unknown;
    const result = await runBin(['view', 'results', '--no-open'], (stdout, stop) => {
      const url = stdout.match(/http:\/\/127\.0\.0\.1:\d+\//)?.[0];
      if (!url || index) return;
      index = 'pending';
      fetch(`${url}api/index`)
        .then((response) => response.json())
        .then((body) => {
          index = body;
        })
        .finally(stop);
    });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect((index as { runs: unknown[] }).runs).toHaveLength(3);
  });
});
