import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { childrenCpuSeconds, repoRoot } from '../test/helpers/processes.ts';
import { BENCH_SLOTS as SLOTS, launchBenchSimulator, loadGsm8kChatBodies } from './gsm8k-workload.ts';
import { evalEnv } from '../test/helpers/run-vitest.ts';

// Benchmark, not a timed test: how close does a full GSM8K run come to the simulator's ideal makespan
// (every one of 64 slots busy from first arrival to last completion), against bare fetch loops on the
// same simulated server. Writes results/bench/gsm8k-saturation.json; numbers go in bench/NOTES.md.

interface SimStats {
  idealMs: number;
  busyMs: number;
  meanRunning: number;
  requests: number;
  completed: number;
  cpuMs?: number;
}

test('GSM8K run keeps a 64-slot simulated server saturated', async () => {
  const env = evalEnv({ EVAL_SIMULATE: 'gold', EVAL_PRESET: 'balanced' });
  const results = env.EVAL_RESULTS_DIR!;

  // 1. The harness, as a user runs it; `times` gives the CPU of the whole process tree.
  const started = performance.now();
  const out = execFileSync(
    'bash',
    ['-c', `node node_modules/vitest/vitest.mjs run --project qwen3_8b gsm8k >/dev/null 2>&1; code=$?; times; exit $code`],
    { cwd: repoRoot, env: env as NodeJS.ProcessEnv, encoding: 'utf8' },
  );
  const harnessWallMs = performance.now() - started;
  const runFile = readdirSync(join(results, 'runs'))[0]!;
  const record = JSON.parse(readFileSync(join(results, 'runs', runFile), 'utf8'));
  const runId = record.runId as string;
  const sim = JSON.parse(readFileSync(join(results, 'simulation', `${runId}.stats.json`), 'utf8')) as SimStats;
  const script = join(results, 'simulation', `${runId}.script.json`);
  const treeCpuMs = Math.round(childrenCpuSeconds(out) * 1000);

  // 2. Bare fetch loops on a fresh simulator with the same script: 2x slots, exactly the slots, one at a time (subset).
  const bodies = await loadGsm8kChatBodies();
  const bodiesDir = mkdtempSync(join(tmpdir(), 'bench-saturation-'));
  const loops: Record<
    string,
    { inFlight: number; requests: number; makespanMs: number; idealMs: number; ratio: number; meanRunning: number }
  > = {};
  for (const [name, inFlight, count] of [
    ['bare-128', 128, bodies.length],
    ['bare-64', 64, bodies.length],
    ['bare-1', 1, 128],
  ] as const) {
    const bodiesFile = join(bodiesDir, `${name}.json`);
    writeFileSync(bodiesFile, JSON.stringify(bodies.slice(0, count)));
    const stats = await runBareLoop(script, bodiesFile, inFlight);
    loops[name] = {
      inFlight,
      requests: count,
      makespanMs: stats.busyMs,
      idealMs: stats.idealMs,
      ratio: stats.idealMs / stats.busyMs,
      meanRunning: stats.meanRunning,
    };
  }

  const summary = {
    machine: { cpus: execFileSync('nproc', { encoding: 'utf8' }).trim(), node: process.version },
    slots: SLOTS,
    cases: record.datasets['gsm8k/0shot'].counts.cases,
    harness: {
      inFlightLimit: record.performance.inFlightLimit,
      wallMsWholeCommand: Math.round(harnessWallMs),
      makespanMs: sim.busyMs,
      idealMs: sim.idealMs,
      ratio: sim.idealMs / sim.busyMs,
      meanInFlightClient: record.performance.meanInFlight,
      meanRunningServer: sim.meanRunning,
      strict: record.datasets['gsm8k/0shot'].metrics.strict.value,
      processTreeCpuMs: treeCpuMs,
      harnessCpuMs: record.performance.clientCpuMs,
      harnessCpuMsPerCase: record.performance.clientCpuMs / record.datasets['gsm8k/0shot'].counts.cases,
      serverUtilization: sim.meanRunning / SLOTS,
    },
    bareLoops: loops,
  };
  mkdirSync(resolve(repoRoot, 'results/bench'), { recursive: true });
  writeFileSync(resolve(repoRoot, 'results/bench/gsm8k-saturation.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
  expect(summary.cases).toBe(1319);
  expect(summary.harness.strict).toBe(1);
});

// bench/bare-loop.mjs against a fresh simulator scripted like the harness's run; the simulator's efficiency numbers.
async function runBareLoop(script: string, bodiesFile: string, inFlight: number): Promise<SimStats> {
  const { baseUrl, server } = await launchBenchSimulator(script);
  try {
    await promisify(execFile)(process.execPath, ['bench/bare-loop.mjs', baseUrl, bodiesFile, String(inFlight)], { cwd: repoRoot });
    return (await (await fetch(`${baseUrl}/_sim/stats`)).json()) as SimStats;
  } finally {
    await server.stop();
  }
}
