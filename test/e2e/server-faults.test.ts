import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { CaseRecord } from '../../src/shared/records/case-record.ts';
import { waitUntil } from '../helpers/processes.ts';
import { evalEnv, isAlive, readRunRecords, serverPids, startVitest } from '../helpers/run-vitest.ts';

// Issue 9's acceptance lines for the transport, as a user runs them: `pnpm vitest run --project qwen3_8b gsm8k`
// against the simulated vLLM switched into a fault mode. Each test takes seconds on the 2-core dev VM, the nested
// Vitest start-up (~4 s) included: reset 7-8 s, stall 15-16 s (3 tries x 3 s idle + 1.5 s backoff), context length 5-7 s.

const ARGS = ['--project', 'qwen3_8b', 'gsm8k'];
/** The bound for a broken server's run. @unit milliseconds */
const RUN_BOUND_MS = 60_000;

function readCaseRecords(resultsDir: string): CaseRecord[] {
  const dir = join(resultsDir, 'cases');
  return readdirSync(dir).flatMap((file) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as CaseRecord),
  );
}

// Run six GSM8K cases against a faulty simulated server; return the elapsed time, output and records.
async function runFaulty(env: Record<string, string>) {
  const vars = evalEnv({ EVAL_SIMULATE: 'gold', EVAL_LIMIT: '6', ...env });
  const started = Date.now();
  const result = await startVitest(ARGS, vars);
  const elapsedMs = Date.now() - started;
  const resultsDir = vars.EVAL_RESULTS_DIR!;
  const [record] = readRunRecords(resultsDir);
  return {
    result,
    elapsedMs,
    resultsDir,
    cases: readCaseRecords(resultsDir),
    server: record!.server.baseUrls[0]!,
    pids: serverPids(resultsDir),
  };
}

async function expectNoProcessLeft(pids: number[]) {
  expect(pids.length).toBeGreaterThanOrEqual(2);
  expect(await waitUntil(() => pids.every((pid) => !isAlive(pid)), 5_000)).toBe(true);
}

describe.sequential('a misbehaving server never hangs a run', () => {
  test('a server that resets every stream mid-way: six error records naming it, within 60 s, no process left', async () => {
    const run = await runFaulty({ VLLM_SIM_RESET_AFTER_CHUNKS: '1' });
    expect(run.elapsedMs).toBeLessThan(RUN_BOUND_MS);
    expect(run.cases).toHaveLength(6);
    for (const record of run.cases) {
      expect(record.verdict).toBe('error');
      expect(record.error!.message).toMatch(
        new RegExp(`^Request to ${run.server} failed after 3 tries: the connection was reset mid-stream after \\d+ chunks`),
      );
    }
    expect(run.result.all).toContain(`Request to ${run.server} failed after 3 tries`);
    await expectNoProcessLeft(run.pids);
  });

  test('a server that stalls after one chunk (EVAL_IDLE_TIMEOUT_MS=3000): six idle-timeout records naming it, within 60 s, no process left', async () => {
    const run = await runFaulty({ VLLM_SIM_STALL_AFTER_CHUNKS: '1', EVAL_IDLE_TIMEOUT_MS: '3000' });
    expect(run.elapsedMs).toBeLessThan(RUN_BOUND_MS);
    expect(run.cases).toHaveLength(6);
    for (const record of run.cases) {
      // The simulator's first write carries two events (the role, then the first token).
      expect(record.error!.message).toMatch(
        new RegExp(
          `^Request to ${run.server} failed after 3 tries: no data for 3000 ms after chunk 2 \\(idle timeout; raise it with EVAL_IDLE_TIMEOUT_MS or \`client\\.idleTimeoutMs\`\\)$`,
        ),
      );
    }
    await expectNoProcessLeft(run.pids);
  });

  test('a flat-bodied 400 "maximum context length" shows its text in the case record and the console', async () => {
    const run = await runFaulty({ VLLM_SIM_ERROR_SHAPE: 'flat', VLLM_SIM_MAX_MODEL_LEN: '1050', EVAL_LIMIT: '2' });
    expect(run.cases).toHaveLength(2);
    for (const record of run.cases) {
      expect(record.error!.message).toMatch(
        new RegExp(
          `^Request to ${run.server} failed after 1 try: HTTP 400, the prompt does not fit the model's context .*: This model's maximum context length is 1050 tokens\\. However, you requested 1024 output tokens`,
        ),
      );
    }
    expect(run.result.all).toContain("This model's maximum context length is 1050 tokens. However, you requested 1024 output tokens");
    await expectNoProcessLeft(run.pids);
  });

  test('a server answering 500 to everything ends the run early with its message, as an incomplete run and not a gate', async () => {
    const body = 'CUDA error: an illegal memory access was encountered';
    const run = await runFaulty({ VLLM_SIM_HTTP_500_BODY: body, EVAL_LIMIT: '300' });
    expect(run.elapsedMs).toBeLessThan(RUN_BOUND_MS);
    expect(run.result.exitCode).toBe(1);
    const headline = run.result.all!.split('\n').find((line) => line.startsWith('[qwen-evals] INCOMPLETE RUN'));
    expect(headline).toContain(`32 tries in a row failed on ${run.server}`);
    expect(headline).toContain(`HTTP 500: ${body}`);
    expect(run.result.all).not.toMatch(/GATE FAILED|Gate failed/);
    // Stopped early: the cases not yet started were never asked.
    expect(run.cases.length).toBeLessThan(300);
    const [record] = readRunRecords(run.resultsDir);
    expect(record).toMatchObject({ status: 'partial', incomplete: { reason: 'server-failed' }, gates: [] });
    expect(record!.incomplete!.message).toContain(body);
    await expectNoProcessLeft(run.pids);
  });
});
