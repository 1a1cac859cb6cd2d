import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { repoRoot } from '../test/helpers/processes.ts';
import { evalEnv } from '../test/helpers/run-vitest.ts';
import { EVALITE_VERSION, makeEvaliteProject, makeInstalledProject, makeVitestFloor, probeMachineMs } from './bench-projects.ts';
import { launchBenchSimulator } from './gsm8k-workload.ts';
import { medianOf, spreadOf } from '../src/shared/stats/spread.ts';

// Benchmark, not a timed test (issue 14 item 4, "the first request leaves within 1 s of the command"): how long each
// Vitest-based client takes from its command to its first request reaching the server, alternated in the same minutes
// on this machine: the harness installed as a user has it (a 1-case GSM8K run against a server already up), evalite
// (a peer harness on Vitest, one eval of one case) and Vitest alone (one test file sending one request: the floor
// both stand on). Needs pnpm and the npm registry (evalite is installed from it). Writes
// results/bench/first-request.json; numbers go in bench/NOTES.md.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const execFileAsync = promisify(execFile);

const CLIENTS = ['installed', 'evalite', 'vitest floor'] as const;
type Client = (typeof CLIENTS)[number];

interface Sample {
  firstRequestMs: number;
  /** The machine's speed just before this client ran (probeMachineMs); lower is faster. */
  probeMs: number;
}

test('first request after the command: installed harness, evalite and Vitest alone, alternated', async () => {
  const work = mkdtempSync(join(tmpdir(), 'bench-first-request-'));
  const installed = await makeInstalledProject(work);
  const dirs: Record<Client, string> = {
    installed,
    evalite: await makeEvaliteProject(work),
    'vitest floor': makeVitestFloor(work, installed),
  };
  const { baseUrl, server } = await launchBenchSimulator(null);
  // What each client's command is, as its users type it (without a package manager in front).
  const commands: Record<Client, { args: string[]; env: NodeJS.ProcessEnv }> = {
    installed: {
      args: ['node_modules/vitest/vitest.mjs', 'run', '--project', 'qwen3_8b', 'gsm8k'],
      env: evalEnv({ EVAL_BASE_URL: baseUrl, EVAL_LIMIT: '1' }) as NodeJS.ProcessEnv,
    },
    evalite: { args: ['node_modules/evalite/dist/bin.js'], env: evalEnv({ PEER_BASE_URL: baseUrl }) as NodeJS.ProcessEnv },
    'vitest floor': {
      args: ['node_modules/vitest/vitest.mjs', 'run'],
      env: evalEnv({ FLOOR_BASE_URL: baseUrl }) as NodeJS.ProcessEnv,
    },
  };
  const samples: Record<Client, Sample[]> = { installed: [], evalite: [], 'vitest floor': [] };
  try {
    // A first run of each fills its module caches and the file system's.
    for (const client of CLIENTS) await runClient(client);
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate which client goes first so that none always meets a warmer machine.
      for (const client of CLIENTS.map((_, i) => CLIENTS[(i + round) % CLIENTS.length]!)) {
        const probeMs = await probeMachineMs();
        samples[client].push({ firstRequestMs: await runClient(client), probeMs });
      }
    }
  } finally {
    await server.stop();
  }

  async function runClient(client: Client): Promise<number> {
    await fetch(`${baseUrl}/_sim/reset-stats`, { method: 'POST' });
    const started = Date.now();
    // The harness keeps one results folder across its runs, as a user's project does (its history grows by one each).
    const { args, env } = commands[client];
    // The harness's run of a wrong answer or a missing baseline still exits 0; any other exit is a broken client.
    await execFileAsync(process.execPath, args, { cwd: dirs[client], env });
    const stats = (await (await fetch(`${baseUrl}/_sim/stats`)).json()) as { firstArrivalMs: number | null };
    expect(stats.firstArrivalMs, `${client} sent no request`).not.toBeNull();
    return stats.firstArrivalMs! - started;
  }

  const summary = {
    simulated: true,
    machine: { node: process.version, probeMsMedian: medianOf(CLIENTS.flatMap((c) => samples[c].map((s) => s.probeMs))) },
    rounds: ROUNDS,
    evalite: EVALITE_VERSION,
    firstRequestMs: Object.fromEntries(
      CLIENTS.map((client) => {
        const values = samples[client].map((s) => s.firstRequestMs);
        return [client, { ...spreadOf(values)!, all: values }];
      }),
    ),
    // Per round, against Vitest alone in the same round; then the median over rounds.
    overFloorMs: Object.fromEntries(
      (['installed', 'evalite'] as const).map((client) => [
        client,
        medianOf(samples[client].map((s, round) => s.firstRequestMs - samples['vitest floor'][round]!.firstRequestMs)),
      ]),
    ),
  };
  mkdirSync(resolve(repoRoot, 'results/bench'), { recursive: true });
  writeFileSync(resolve(repoRoot, 'results/bench/first-request.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
});
