import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findFreePort } from '../../src/node/server/free-port.ts';
import { launchServer } from '../../src/node/server/launch-server.ts';
import { evalEnv, isAlive, readRunRecords, serverPids, startVitest } from '../helpers/run-vitest.ts';
import { simulatorBin, waitUntil } from '../helpers/processes.ts';

// `pnpm vitest run --project qwen3_8b gsm8k` as a user runs it, against the simulated vLLM.
const LIMIT = '24';
const ARGS = ['--project', 'qwen3_8b', 'gsm8k'];

/** A nested run started by the first test that needs it and shared with the others (each run costs ~4 s of CPU). */
function sharedRun(overrides: Record<string, string>) {
  let run: Promise<{ env: Record<string, string | undefined>; result: Awaited<ReturnType<typeof startVitest>>; elapsedMs: number }>;
  return () => {
    run ??= (async () => {
      const env = evalEnv(overrides);
      const started = Date.now();
      const result = await startVitest(ARGS, env);
      return { env, result, elapsedMs: Date.now() - started };
    })();
    return run;
  };
}

const goldRun = sharedRun({ EVAL_SIMULATE: 'gold', EVAL_LIMIT: LIMIT });
// A quarter of the answers right, and every fourth request answered with a 500.
const mixRunWith500s = sharedRun({ EVAL_SIMULATE: 'mix:0.25', EVAL_LIMIT: LIMIT, VLLM_SIM_HTTP_500_EVERY: '4' });
// The server dies after 25 of 60 requests.
const diedRun = sharedRun({ EVAL_SIMULATE: 'gold', EVAL_LIMIT: '60', VLLM_SIM_DIE_AFTER_REQUESTS: '25' });

describe.sequential('GSM8K end to end on the simulated vLLM', () => {
  test('scores 100% strict with gold answers, launching vllm with the balanced preset flags', async () => {
    const { env, result } = await goldRun();
    expect(result.exitCode, result.all).toBe(0);
    const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
    expect(record!.simulation).toBe('gold');
    expect(record!.server.command!.join(' ')).toMatch(
      /serve Qwen\/Qwen2\.5-7B-Instruct .*--gpu-memory-utilization 0\.85 --max-num-seqs 64 --enable-prefix-caching/,
    );
    expect(record!.datasets['gsm8k/0shot']!.metrics.strict!.value).toBe(1);
    expect(Object.keys(record!.datasets['gsm8k/0shot']!.cases)).toHaveLength(24);
    expect(result.all).toContain('25 passed, 0 failed');
    // Every run samples the server's /metrics: the simulated server generated the answers' tokens; no GPU here.
    expect(record!.serverMetrics!.replicas[0]!.generationTokens).toBeGreaterThan(0);
    expect(record!.serverMetrics!.gpu.available).toBe(false);
    // Vitest's own json report is kept beside the run record, with each case record in its meta.
    const vitestDir = join(env.EVAL_RESULTS_DIR!, 'vitest');
    const report = JSON.parse(readFileSync(join(vitestDir, readdirSync(vitestDir)[0]!), 'utf8')) as {
      testResults: Array<{ assertionResults: Array<{ meta: { evalCase?: { caseId: string } } }> }>;
    };
    const metaIds = report.testResults.flatMap((f) => f.assertionResults.map((a) => a.meta.evalCase?.caseId)).filter(Boolean);
    expect(metaIds).toHaveLength(24);
  });

  test('scores 0% with wrong answers, records every case and fails the gate', async () => {
    const env = evalEnv({ EVAL_SIMULATE: 'wrong', EVAL_LIMIT: LIMIT });
    const result = await startVitest(ARGS, env);
    expect(result.exitCode).toBe(1);
    expect(result.all).toMatch(/GATE FAILED qwen3_8b/);
    expect(result.all).toMatch(/FAIL\s+threshold\s+gsm8k\/0shot strict 0\.000 < 0\.85/);
    // Wrong answers are listed as wrong, never as passing tests, and the tally counts the failed gate.
    expect(result.all).toMatch(/gsm8k\/0shot: 24 wrong or unparseable, e\.g\. 0, 1, 2, 3, 4/);
    expect(result.all).toMatch(/^0 passed, 1 failed, 24 skipped$/m);
    const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
    const gsm8k = record!.datasets['gsm8k/0shot']!;
    expect(gsm8k.metrics.strict!.value).toBe(0);
    expect(gsm8k.counts.wrong).toBe(24);
  });

  test('scores exactly the scripted share with a mix of answers', async () => {
    const { env } = await mixRunWith500s();
    const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
    expect(record!.datasets['gsm8k/0shot']!.metrics.strict!.value).toBe(6 / 24);
    expect(record!.datasets['gsm8k/0shot']!.counts.correct).toBe(6);
  });

  test("retries the server's 500s with backoff and still records every case", async () => {
    const { env } = await mixRunWith500s();
    const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
    expect(record!.performance.failedRequests).toBeGreaterThan(0);
    expect(record!.datasets['gsm8k/0shot']!.counts).toMatchObject({ cases: 24, error: 0 });
  });

  test('starts a `vllm` found first on PATH, scripted by the user', async () => {
    // Script from a gold run's own script file: the user-facing VLLM_SIM_SCRIPT path.
    const { env: gold } = await goldRun();
    const [goldRecord] = readRunRecords(gold.EVAL_RESULTS_DIR!);
    const script = join(gold.EVAL_RESULTS_DIR!, 'simulation', `${goldRecord!.runId}.script.json`);
    const env = evalEnv({ EVAL_LIMIT: '4', VLLM_SIM_SCRIPT: script });
    env.PATH = `${dirname(simulatorBin)}${delimiter}${env.PATH}`;
    const result = await startVitest(ARGS, env);
    expect(result.exitCode, result.all).toBe(0);
    const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
    expect(record!.server.launched).toBe(true);
    expect(record!.server.command![0]).toBe('vllm');
    expect(record!.datasets['gsm8k/0shot']!.metrics.strict!.value).toBe(1);
  });

  test("launches nothing with EVAL_BASE_URL (given with the SDK's trailing /v1) and checks the served model", async () => {
    const port = await findFreePort();
    const logDir = mkdtempSync(join(tmpdir(), 'e2e-external-'));
    const server = await launchServer({
      bin: simulatorBin,
      args: ['serve', 'Qwen/Qwen2.5-7B-Instruct', '--port', String(port), '--max-num-seqs', '8'],
      baseUrl: `http://127.0.0.1:${port}`,
      logFile: join(logDir, 'external.log'),
      readinessTimeoutMs: 20_000,
      shutdownGraceMs: 3_000,
    });
    try {
      const env = evalEnv({ EVAL_BASE_URL: `http://127.0.0.1:${port}/v1`, EVAL_LIMIT: '4', EVAL_VLLM_BIN: '/nonexistent/vllm' });
      const result = await startVitest(ARGS, env);
      // Unscripted answers are wrong: the gate fails, but the pipeline worked and nothing was launched.
      const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
      expect(record!.server.launched).toBe(false);
      expect(record!.server.baseUrls).toEqual([`http://127.0.0.1:${port}`]);
      expect(record!.datasets['gsm8k/0shot']!.counts.error).toBe(0);
      expect(result.all).not.toContain('launched ');
    } finally {
      await server.stop();
    }
  });

  test('refuses an EVAL_BASE_URL server that serves another model', async () => {
    const port = await findFreePort();
    const server = await launchServer({
      bin: simulatorBin,
      args: ['serve', 'Other/Model', '--port', String(port)],
      baseUrl: `http://127.0.0.1:${port}`,
      logFile: join(mkdtempSync(join(tmpdir(), 'e2e-other-')), 'other.log'),
      readinessTimeoutMs: 20_000,
      shutdownGraceMs: 3_000,
    });
    try {
      const result = await startVitest(ARGS, evalEnv({ EVAL_BASE_URL: `http://127.0.0.1:${port}`, EVAL_LIMIT: '2' }));
      expect(result.exitCode).not.toBe(0);
      expect(result.all).toContain(`serves "Other/Model", expected "Qwen/Qwen2.5-7B-Instruct"`);
    } finally {
      await server.stop();
    }
  });

  test('stops at once with what to install when there is no vllm and no EVAL_BASE_URL', async () => {
    const started = Date.now();
    const result = await startVitest(ARGS, evalEnv({ EVAL_VLLM_BIN: 'vllm-not-installed-here' }));
    expect(result.exitCode).not.toBe(0);
    expect(result.all).toContain('No inference server: `vllm-not-installed-here` is not on PATH and EVAL_BASE_URL is not set.');
    expect(result.all).toContain('EVAL_SIMULATE=gold');
    // Our error comes first and alone: not under Vitest's "No test files found" nor followed by a stack.
    expect(result.all!.trimStart()).toMatch(/^\[qwen-evals\] cannot run: No inference server/);
    expect(result.all).not.toContain('No test files found');
    expect(result.all).not.toMatch(/^\s+at /m);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  test('ends within seconds naming the server and its last log lines when it dies mid-run, leaving no process', async () => {
    const { env, result, elapsedMs: elapsed } = await diedRun();
    expect(result.exitCode).toBe(1);
    expect(result.all).toMatch(/vLLM server `.*vllm serve Qwen\/Qwen2\.5-7B-Instruct.*` \(pid \d+\) died mid-run/);
    expect(result.all).toContain('Last server log lines:');
    expect(result.all).toMatch(/INCOMPLETE RUN qwen3_8b .*the server failed/);
    expect(result.all).toMatch(/resume: +EVAL_RESUME=\S+ (EVAL_\w+=\S+ )*pnpm vitest run --project qwen3_8b gsm8k$/m);
    expect(elapsed).toBeLessThan(60_000);
    const pids = serverPids(env.EVAL_RESULTS_DIR!);
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect(await waitUntil(() => pids.every((pid) => !isAlive(pid)), 5_000)).toBe(true);
    // The cases that finished before the crash are kept.
    const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
    expect(record!.status).toBe('partial');
    expect(record!.datasets['gsm8k/0shot']!.counts.correct).toBeGreaterThan(0);
  });

  test('resumes an interrupted run with the line it printed, asking only the cases it had not recorded', async () => {
    const { env: first, result: died } = await diedRun();
    const [partial] = readRunRecords(first.EVAL_RESULTS_DIR!);
    const done = partial!.datasets['gsm8k/0shot']!.counts.correct;
    expect(partial!.status).toBe('partial');
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(60);

    // The printed line as a shell runs it: its variables over a environment without the harness's or the simulator's.
    const [assignments, args] = /resume: +(.*?) ?pnpm vitest run (.*)$/m.exec(died.all)!.slice(1) as [string, string];
    const shell = Object.fromEntries(Object.entries(first).filter(([key]) => !/^(EVAL_|VLLM_SIM)/.test(key)));
    const printed = Object.fromEntries(assignments.split(' ').map((word) => word.split(/=(.*)/s).slice(0, 2)));
    expect(printed).toMatchObject({ EVAL_RESUME: partial!.runId, EVAL_SIMULATE: 'gold', EVAL_LIMIT: '60' });
    const result = await startVitest(args.split(' '), { ...shell, ...printed });
    expect(result.exitCode, result.all).toBe(0);
    const complete = readRunRecords(first.EVAL_RESULTS_DIR!).find((r) => r.runId !== partial!.runId)!;
    expect(complete.status).toBe('complete');
    expect(complete.datasets['gsm8k/0shot']!.counts.correct).toBe(60);
    expect(complete.performance.requests).toBe(60 - done);
  });

  test('refuses to resume a gold run on another simulation, naming the difference before anything starts', async () => {
    const { env: first } = await diedRun();
    const [partial] = readRunRecords(first.EVAL_RESULTS_DIR!);
    const serverLogs = () => readdirNames(join(first.EVAL_RESULTS_DIR!, 'logs')).length;
    const launched = serverLogs();
    const resumed = { ...first, VLLM_SIM_DIE_AFTER_REQUESTS: undefined, EVAL_SIMULATE: 'mix:0.5', EVAL_RESUME: partial!.runId };
    const result = await startVitest(ARGS, resumed);
    expect(result.exitCode).not.toBe(0);
    expect(result.all).toContain(
      'a run with server the simulated vLLM (gold) (now the simulated vLLM (mix:0.5)): one run record would mix the two',
    );
    expect(serverLogs()).toBe(launched);
  });

  test('refuses an EVAL_RESUME that names no recorded run', async () => {
    const result = await startVitest(ARGS, evalEnv({ EVAL_SIMULATE: 'gold', EVAL_RESUME: 'no-such-run' }));
    expect(result.exitCode).not.toBe(0);
    expect(result.all).toContain('`EVAL_RESUME` is "no-such-run", expected a run id with case records under');
  });

  test('after Ctrl-C of the whole run: no process left, an interrupted run record with the finished cases, the resume line', async () => {
    const env = evalEnv({ EVAL_SIMULATE: 'gold' });
    const run = startVitest(ARGS, env);
    const casesDir = join(env.EVAL_RESULTS_DIR!, 'cases');
    expect(
      await waitUntil(
        () => {
          try {
            return readFileSync(join(casesDir, readdirNames(casesDir)[0]!), 'utf8').length > 0;
          } catch {
            return false;
          }
        },
        60_000,
        200,
      ),
    ).toBe(true);
    const pids = serverPids(env.EVAL_RESULTS_DIR!);
    // A terminal's Ctrl-C signals the foreground process group.
    process.kill(-run.pid!, 'SIGINT');
    const result = await run;
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect(await waitUntil(() => pids.every((pid) => !isAlive(pid)), 30_000)).toBe(true);
    const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
    expect(record!.status).toBe('interrupted');
    const recorded = readFileSync(join(casesDir, `${record!.runId}.jsonl`), 'utf8')
      .trim()
      .split('\n').length;
    expect(record!.datasets['gsm8k/0shot']!.counts.cases).toBe(recorded);
    const resumeLine = new RegExp(`EVAL_RESUME=${record!.runId} (EVAL_\\w+=\\S+ )*pnpm vitest run --project qwen3_8b gsm8k$`, 'm');
    expect(result.all).toMatch(resumeLine);
    expect(resumeLine.exec(result.all)![0]).toContain('EVAL_SIMULATE=gold');
  });
});

function readdirNames(dir: string): string[] {
  return readdirSync(dir);
}
