import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_DATASETS } from '../../src/evals/registry.ts';
import { findFreePort } from '../../src/node/server/free-port.ts';
import { launchServer, type LaunchedServer } from '../../src/node/server/launch-server.ts';
import type { RunRecord } from '../../src/shared/records/run-record.ts';
import { descendantCommands, repoRoot, sharedDir } from '../helpers/processes.ts';
import { readRunRecords } from '../helpers/run-vitest.ts';
import { installPackedHarness } from '../helpers/packed-harness.ts';

// The acceptance check, as a user does it: `pnpm pack`, examples/own-eval/ copied outside the repository
// with its qwen-evals dependency pointed at the tarball, `pnpm install`, and `pnpm vitest run` against an
// OpenAI-compatible server (the simulated vLLM shipped in the package, scripted per question).

const EXAMPLE = join(repoRoot, 'examples/own-eval');
const KEY = 'arithmetic/default';
const THRESHOLD = 0.8;
// A built-in dataset run from the package's dist/ (its eval file and simulation script loaded by path).
const BUILTIN = BUILTIN_DATASETS[0]!.name;
const BUILTIN_KEY = `${BUILTIN}/${BUILTIN_DATASETS[0]!.defaultVariants[0]}`;

/** One question of the example's JSONL. */
interface Question {
  question: string;
  answer: number;
}

/** How many questions the script answers right in `\boxed{}`, right without a box, and wrong in a box (the rest). */
interface ScriptedShares {
  boxed: number;
  unboxed: number;
}

const questions: Question[] = readFileSync(join(EXAMPLE, 'evals/arithmetic.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Question);
const exampleConfig = readFileSync(join(EXAMPLE, 'qwen-evals.config.ts'), 'utf8');
const modelId = /id: '([^']+)'/.exec(exampleConfig)![1]!;
const PROJECT = /models: \{\s*(\w+):/.exec(exampleConfig)![1]!;

let work: string;
let project: string;
let scriptFile: string;
let server: LaunchedServer | undefined;
let baseUrl: string;

// Simulator rules answering each question by its text: strict (boxed) right, flexible-only right, or wrong.
function writeScript(shares: ScriptedShares): void {
  const rules = questions.map((q, i) => {
    const response =
      i < shares.boxed
        ? `First the parts, then the total: \\boxed{${q.answer}}.`
        : i < shares.boxed + shares.unboxed
          ? `The total is ${q.answer}.`
          : `So the answer is \\boxed{${q.answer + 1}}.`;
    return { match: { contains: q.question }, response };
  });
  writeFileSync(scriptFile, JSON.stringify(rules));
}

// The nested run sees none of the outer Vitest's or the harness's variables, only the server to ask.
function userEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VITEST|EVAL_|VLLM_SIM)/.test(key) && key !== 'NODE_ENV' && key !== 'TEST') env[key] = value;
  }
  return { ...env, EVAL_BASE_URL: baseUrl };
}

async function runUserVitest(): Promise<{ exitCode: number; output: string; record: RunRecord }> {
  const result = await execa('pnpm', ['vitest', 'run'], { cwd: project, env: userEnv(), extendEnv: false, reject: false, all: true });
  const records = readRunRecords(join(project, 'results'));
  expect(records.length, result.all).toBeGreaterThan(0);
  return { exitCode: result.exitCode ?? -1, output: result.all ?? '', record: records.at(-1)! };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'qwen-evals-package-'));
  project = join(work, 'own-eval');
  scriptFile = join(work, 'script.json');
  cpSync(EXAMPLE, project, { recursive: true, filter: (source) => !/[\\/](node_modules|results)$/.test(source) });
  await installPackedHarness(project, work);
  writeScript({ boxed: questions.length, unboxed: 0 });
  const port = await findFreePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = await launchServer({
    bin: join(project, 'node_modules/.bin/qwen-evals-vllm-sim'),
    args: ['serve', modelId, '--port', String(port)],
    baseUrl,
    logFile: join(work, 'vllm.log'),
    readinessTimeoutMs: 60_000,
    shutdownGraceMs: 5_000,
    env: { VLLM_SIM_SCRIPT: scriptFile, VLLM_SIM_STARTUP_MS: '0' },
  });
}, 300_000);

afterAll(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

// A user's session, step by step: later steps edit the config and stop the server, so the order holds even under
// `--sequence.shuffle`.
describe.sequential('examples/own-eval installed from the packed tarball', { shuffle: false }, () => {
  test('the example has 20+ questions with numeric answers', () => {
    expect(questions.length).toBeGreaterThanOrEqual(20);
    for (const q of questions) expect(Number.isFinite(q.answer)).toBe(true);
  });

  test('runs every case, writes a run record and the tracker, scores the scripted shares and passes the gate', async () => {
    const shares = { boxed: questions.length - 3, unboxed: 2 };
    writeScript(shares);
    const { exitCode, output, record } = await runUserVitest();
    expect(exitCode, output).toBe(0);
    const dataset = record.datasets[KEY]!;
    expect(Object.keys(dataset.cases)).toHaveLength(questions.length);
    expect(dataset.metrics.strict!.value).toBe(shares.boxed / questions.length);
    expect(dataset.metrics.flexible!.value).toBe((shares.boxed + shares.unboxed) / questions.length);
    expect(record.gates.find((g) => g.kind === 'threshold' && g.metric === 'strict')).toMatchObject({ passed: true, threshold: THRESHOLD });
    expect(record.simulation).toBe('script');
    expect(existsSync(join(project, 'results/TRACKER.md'))).toBe(true);
    expect(
      readFileSync(join(project, 'results/cases', `${record.runId}.jsonl`), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(questions.length);
  });

  test('fails the run when the strict share is under the threshold, naming the gate', async () => {
    const shares = { boxed: Math.floor(questions.length * THRESHOLD) - 2, unboxed: 3 };
    writeScript(shares);
    const { exitCode, output, record } = await runUserVitest();
    expect(exitCode).toBe(1);
    expect(output).toMatch(/FAIL\s+threshold\s+arithmetic\/default strict/);
    expect(record.datasets[KEY]!.metrics.strict!.value).toBe(shares.boxed / questions.length);
    expect(record.datasets[KEY]!.metrics.flexible!.value).toBe((shares.boxed + shares.unboxed) / questions.length);
    expect(record.gates.find((g) => g.kind === 'threshold' && g.metric === 'strict')!.passed).toBe(false);
  });

  test('runs the built-in datasets from the installed package, simulated from their gold answers', async () => {
    const config = join(project, 'qwen-evals.config.ts');
    writeFileSync(config, readFileSync(config, 'utf8').replace('builtins: []', `builtins: ['${BUILTIN}']`));
    const results = join(work, 'builtin-results');
    const env = { ...userEnv(), EVAL_BASE_URL: undefined, EVAL_SIMULATE: 'gold', EVAL_LIMIT: '3', EVAL_RESULTS_DIR: results };
    const result = await execa('pnpm', ['vitest', 'run', '--project', PROJECT, BUILTIN], {
      cwd: project,
      env: { ...env, EVAL_DATASET_MIRROR: join(sharedDir, 'datasets'), EVAL_CACHE_DIR: join(work, 'cache') },
      extendEnv: false,
      reject: false,
      all: true,
    });
    expect(result.exitCode, result.all).toBe(0);
    const [record] = readRunRecords(results);
    expect(record!.simulation).toBe('gold');
    expect(Object.keys(record!.datasets)).toEqual([BUILTIN_KEY]);
    expect(Object.values(record!.datasets[BUILTIN_KEY]!.cases).every((c) => c.verdict === 'correct')).toBe(true);
  });

  test('leaves no process behind once the server is stopped', async () => {
    await server!.stop();
    expect(descendantCommands(process.pid).filter((command) => command.includes(work))).toEqual([]);
  });
});
