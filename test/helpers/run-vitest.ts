import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { RunRecord } from '../../src/shared/records/run-record.ts';
import { repoRoot, sharedDir } from './processes.ts';

const VITEST = join(repoRoot, 'node_modules/vitest/vitest.mjs');

/** Environment of a nested model-project run: results in a fresh temp dir, datasets from the loopback mirror. */
export function evalEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const results = mkdtempSync(join(tmpdir(), 'e2e-results-'));
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The outer Vitest's own variables would confuse the inner run.
    if (!key.startsWith('VITEST') && !key.startsWith('EVAL_') && !key.startsWith('VLLM_SIM') && key !== 'NODE_ENV' && key !== 'TEST')
      env[key] = value;
  }
  return {
    ...env,
    EVAL_RESULTS_DIR: results,
    EVAL_DATASET_MIRROR: join(sharedDir, 'datasets'),
    EVAL_CACHE_DIR: join(tmpdir(), 'qwen-evals-e2e-cache'),
    // Nested runs talk to loopback only; Node 20 parses an extra CA bundle at every process start (0.13 s of CPU here).
    NODE_EXTRA_CA_CERTS: '',
    ...overrides,
  };
}

/** Start `vitest run <args>` in the project as a user would, in its own process group. */
export function startVitest(
  args: string[],
  env: Record<string, string | undefined>,
  cwd: string = repoRoot,
): ResultPromise<{ reject: false; all: true; env: Record<string, string | undefined>; extendEnv: false; detached: true; cwd: string }> {
  return execa(process.execPath, [VITEST, 'run', ...args], {
    reject: false,
    all: true,
    env,
    extendEnv: false,
    detached: true,
    cwd,
  });
}

/** What a nested run needs of the repository; a copy of it can be edited while other tests read the real sources. */
// The lockfile too: Vitest's module cache (in the linked node_modules, so shared with the repository's runs) is wiped
// whenever a run's lockfile hash differs from the one it was made with, under the feet of the runs using it.
const PROJECT_FILES = [
  'src',
  'setup',
  'reporters',
  'evals',
  'package.json',
  'pnpm-lock.yaml',
  'tsconfig.json',
  'vitest.config.ts',
  'qwen-evals.config.ts',
];

/** A temporary copy of the project (dependencies linked, not copied) for a nested run that edits its sources. */
export function copyProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'e2e-project-'));
  for (const entry of PROJECT_FILES) cpSync(join(repoRoot, entry), join(root, entry), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

/** Requests the simulated vLLM at `baseUrl` finished, whatever their finish reason (its `/metrics` counter). */
export async function serverRequestCount(baseUrl: string): Promise<number> {
  const text = await (await fetch(`${baseUrl.replace(/\/v1\/?$/, '')}/metrics`)).text();
  return [...text.matchAll(/^vllm:request_success_total\{[^}]*\} (\S+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

export function readRunRecords(resultsDir: string): RunRecord[] {
  let files: string[];
  try {
    // The history index (`.index.json`) lives beside the records.
    files = readdirSync(join(resultsDir, 'runs')).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
  } catch {
    return [];
  }
  return files
    .map((f) => JSON.parse(readFileSync(join(resultsDir, 'runs', f), 'utf8')) as RunRecord)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.finishedAt.localeCompare(b.finishedAt));
}

// Pids the simulated server logged for itself and its engine process.
export function serverPids(resultsDir: string): number[] {
  const logs = join(resultsDir, 'logs');
  const pids = new Set<number>();
  for (const file of readdirSync(logs)) {
    for (const match of readFileSync(join(logs, file), 'utf8').matchAll(/\((?:APIServer|EngineCore[^ ]*) pid=(\d+)\)/g))
      pids.add(Number(match[1]));
  }
  return [...pids];
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
