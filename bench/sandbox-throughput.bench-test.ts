import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Bench } from 'tinybench';
import { expect, test } from 'vitest';
import { createSandbox, type JudgeMode, type Sandbox, type SandboxProgram } from '../src/scorers/python-tests/sandbox/index.ts';
import { buildCodeProgram, buildGoldResponse, extractCode } from '../test/helpers/code-datasets.ts';
import { readHumanEval } from '../test/helpers/shared.ts';
import { medianOf } from '../src/shared/stats/spread.ts';

// Benchmark, not a timed test: the 164 HumanEval canonical solutions, answered as a chat model would and
// assembled like a real case, through (a) the fork-server sandbox with the split-process judge (the
// default), (b) the same sandbox with the in-process judge, (c) a plain `python3 -I -S -c <program>` per
// case (pass = exit 0, no isolation, no judge). Throughput: all 164 with os.availableParallelism() in
// flight, modes interleaved round by round. Per-case overhead: one case at a time with tinybench.
// Run: pnpm vitest run --project bench bench/sandbox-throughput.bench-test.ts
// Writes results/bench/sandbox-throughput.json; numbers go in bench/NOTES.md.

const OPTIONS = { rounds: 5, warmupCases: 40, latencyIterations: 200, python: '/usr/bin/python3' } as const;

type Mode = `sandbox-${JudgeMode}` | 'plain';
const MODES: Mode[] = ['sandbox-split', 'sandbox-in-process', 'plain'];

// One unsandboxed run: the whole program in one interpreter, judged by exit status only.
function runPlain(program: SandboxProgram): Promise<boolean> {
  const source = [program.code, program.setup ?? '', ...program.tests].join('\n');
  return new Promise((done) => {
    const child = spawn(OPTIONS.python, ['-I', '-S', '-c', source], { stdio: 'ignore' });
    child.on('exit', (code) => done(code === 0));
  });
}

// CPU of plain subprocesses, one per program, from the children's rusage in a small Python driver.
function plainCpuMsPerCase(programs: SandboxProgram[]): number {
  const driver = [
    'import json, resource, subprocess, sys',
    'sources = json.load(sys.stdin)',
    'for source in sources:',
    `    subprocess.run([${JSON.stringify(OPTIONS.python)}, '-I', '-S', '-c', source], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)`,
    'usage = resource.getrusage(resource.RUSAGE_CHILDREN)',
    'print((usage.ru_utime + usage.ru_stime) * 1000 / len(sources))',
  ].join('\n');
  const sources = programs.map((program) => [program.code, program.setup ?? '', ...program.tests].join('\n'));
  return Number(execFileSync(OPTIONS.python, ['-I', '-S', '-c', driver], { input: JSON.stringify(sources), encoding: 'utf8' }).trim());
}

// Run every item with at most `width` in flight; returns the wall time.
async function runAll<T>(items: T[], width: number, run: (item: T) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
  return performance.now() - started;
}

// Busy, stolen (by the hypervisor) and total jiffies of the whole machine, other users' load included.
function machineJiffies(): { busy: number; steal: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const values = fields.map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, steal: values[7] ?? 0, total };
}

test('HumanEval canonical cases/s: fork-server sandbox (split and in-process judge) vs a plain subprocess', async () => {
  const problems = readHumanEval();
  const programs = problems.map((p) => buildCodeProgram(p, extractCode(buildGoldResponse(p), { entryPoint: p.entryPoint })!.code));
  const width = availableParallelism();
  const sandbox: Sandbox = await createSandbox({ parallelism: width, retryTimeouts: false });
  const workerCpu = new Map<number, number>();
  // Run one case in a mode; records the sandbox workers' own CPU accounting.
  const runIn = async (mode: Mode, program: SandboxProgram): Promise<boolean> => {
    if (mode === 'plain') return runPlain(program);
    const result = await sandbox.run({ ...program, judge: mode === 'sandbox-split' ? 'split' : 'in-process' });
    workerCpu.set(result.worker.id, result.worker.cpuMs);
    return result.status === 'passed';
  };
  const workersCpuMs = (): number => [...workerCpu.values()].reduce((a, b) => a + b, 0);
  const load = [loadavg()[0]!];
  try {
    for (const mode of MODES) await runAll(programs.slice(0, OPTIONS.warmupCases), width, (p) => runIn(mode, p));
    const rounds: Array<Record<string, number>> = [];
    for (let r = 0; r < OPTIONS.rounds; r++) {
      const round: Record<string, number> = { round: r + 1 };
      // Rotate the order so no mode always runs first (or right after the heaviest one).
      for (const mode of [...MODES.slice(r % MODES.length), ...MODES.slice(0, r % MODES.length)]) {
        let passed = 0;
        const cpuBefore = workersCpuMs();
        const nodeBefore = process.cpuUsage();
        const machineBefore = machineJiffies();
        const wallMs = await runAll(programs, width, async (p) => {
          if (await runIn(mode, p)) passed++;
        });
        const node = process.cpuUsage(nodeBefore);
        const machine = machineJiffies();
        round[`${mode}.casesPerSec`] = (programs.length / wallMs) * 1000;
        round[`${mode}.passed`] = passed;
        const jiffies = Math.max(1, machine.total - machineBefore.total);
        round[`${mode}.machineBusy`] = (machine.busy - machineBefore.busy) / jiffies;
        round[`${mode}.machineSteal`] = (machine.steal - machineBefore.steal) / jiffies;
        round[`${mode}.harnessCpuMsPerCase`] = (node.user + node.system) / 1000 / programs.length;
        if (mode !== 'plain') round[`${mode}.casesCpuMsPerCase`] = (workersCpuMs() - cpuBefore) / programs.length;
      }
      rounds.push(round);
      console.info(JSON.stringify(round));
    }
    // One case at a time, cycling through the programs: the per-case latency and its overhead.
    const latency = new Bench({
      name: 'one HumanEval case at a time',
      iterations: OPTIONS.latencyIterations,
      time: 0,
      warmupIterations: 10,
    });
    for (const mode of MODES) {
      let i = 0;
      latency.add(mode, async () => {
        await runIn(mode, programs[i++ % programs.length]!);
      });
    }
    await latency.run();
    const plainCpu = plainCpuMsPerCase(programs);
    load.push(loadavg()[0]!);
    const latencyMs = Object.fromEntries(
      latency.tasks.map((task) => {
        const result = task.result;
        if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
        return [
          task.name,
          { median: result.latency.p50, mean: result.latency.mean, p99: result.latency.p99, samples: result.latency.samplesCount },
        ];
      }),
    ) as Record<Mode, { median: number; mean: number; p99: number; samples: number }>;
    const summary = Object.fromEntries(
      MODES.map((mode) => [
        mode,
        {
          casesPerSecMedian: medianOf(rounds.map((r) => r[`${mode}.casesPerSec`]!)),
          casesPerSecBest: Math.max(...rounds.map((r) => r[`${mode}.casesPerSec`]!)),
          sequentialMedianMs: latencyMs[mode].median,
          overheadVsPlainMs: latencyMs[mode].median - latencyMs.plain.median,
          // CPU of the processes that ran the cases (fork server, judge, candidate; or the plain interpreters).
          casesCpuMsPerCase: mode === 'plain' ? plainCpu : medianOf(rounds.map((r) => r[`${mode}.casesCpuMsPerCase`]!)),
          harnessCpuMsPerCase: medianOf(rounds.map((r) => r[`${mode}.harnessCpuMsPerCase`]!)),
        },
      ]),
    );
    const report = {
      machine: {
        nproc: width,
        cpu: cpus()[0]?.model ?? 'unknown',
        loadavg1: load,
        node: process.version,
        python: sandbox.isolation.pythonVersion,
      },
      cases: programs.length,
      summary,
      latencyMs,
      rounds,
    };
    const dir = resolve('results', 'bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'sandbox-throughput.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.info(JSON.stringify({ machine: report.machine, summary, latencyMs }, null, 2));
    expect(rounds.every((r) => MODES.every((mode) => r[`${mode}.passed`] === programs.length))).toBe(true);
  } finally {
    sandbox.close();
  }
});
