import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { createSandbox, type SandboxProgram } from '../src/scorers/python-tests/sandbox/index.ts';
import { buildGoldResponse, buildHumanEvalProgram, extractCode } from '../src/evals/code/index.ts';
import { readHumanEval } from '../test/helpers/shared.ts';

// Benchmark, not a timed test: the 164 HumanEval canonical solutions through the bwrap sandbox vs a
// plain `python3 -I -S -c <program>` subprocess per case (pass = exit 0, no isolation), interleaved
// A/B/A/B. Run: pnpm vitest run --project bench bench/sandbox-throughput.bench-test.ts
// Writes results/bench/sandbox-throughput.json; numbers go in bench/README-sandbox.md.

const OPTIONS = { rounds: 2, sequentialCases: 40, python: '/usr/bin/python3' } as const;

// One unsandboxed run: the whole program in one interpreter, judged by exit status only.
function runPlain(program: SandboxProgram): Promise<{ passed: boolean; ms: number }> {
  const source = [program.code, program.setup ?? '', ...program.tests].join('\n');
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(OPTIONS.python, ['-I', '-S', '-c', source], { stdio: 'ignore' });
    child.on('exit', (code) => done({ passed: code === 0, ms: performance.now() - started }));
  });
}

// Run `tasks` with at most `width` in flight; returns wall time.
async function runAll<T>(items: T[], width: number, run: (item: T) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
  return performance.now() - started;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test('sandboxed HumanEval throughput vs a plain subprocess per case', async () => {
  const problems = readHumanEval();
  const programs = problems.map((p) => buildHumanEvalProgram(p, extractCode(buildGoldResponse(p), { entryPoint: p.entryPoint })!.code));
  const width = availableParallelism();
  const sandbox = await createSandbox({ parallelism: width });
  const load = [loadavg()[0]];
  const rounds: Array<{ sandboxMs: number; plainMs: number; sandboxPassed: number; plainPassed: number }> = [];
  try {
    for (let r = 0; r < OPTIONS.rounds; r++) {
      let sandboxPassed = 0;
      let plainPassed = 0;
      const sandboxMs = await runAll(programs, width, async (p) => {
        if ((await sandbox.run(p)).status === 'passed') sandboxPassed++;
      });
      const plainMs = await runAll(programs, width, async (p) => {
        if ((await runPlain(p)).passed) plainPassed++;
      });
      rounds.push({ sandboxMs, plainMs, sandboxPassed, plainPassed });
    }
    const subset = programs.slice(0, OPTIONS.sequentialCases);
    const seqSandbox: number[] = [];
    const seqPlain: number[] = [];
    for (const p of subset) {
      seqSandbox.push((await sandbox.run(p)).durationMs);
      seqPlain.push((await runPlain(p)).ms);
    }
    load.push(loadavg()[0]);
    const best = (key: 'sandboxMs' | 'plainMs'): number => Math.min(...rounds.map((r) => r[key]));
    const report = {
      machine: { nproc: width, cpu: cpus()[0]?.model ?? 'unknown', loadavg1: load, node: process.version, python: sandbox.isolation.pythonVersion },
      cases: programs.length,
      rounds,
      sandboxCasesPerSec: (programs.length / best('sandboxMs')) * 1000,
      plainCasesPerSec: (programs.length / best('plainMs')) * 1000,
      sequentialMedianMs: { sandbox: median(seqSandbox), plain: median(seqPlain), overhead: median(seqSandbox) - median(seqPlain) },
    };
    const dir = resolve('results', 'bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'sandbox-throughput.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.info(JSON.stringify(report, null, 2));
    expect(rounds.every((r) => r.sandboxPassed === programs.length)).toBe(true);
  } finally {
    sandbox.close();
  }
});
