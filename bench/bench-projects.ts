import { execFile } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { execa } from 'execa';
import { installPackedHarness } from '../test/helpers/packed-harness.ts';
import { BENCH_MODEL as MODEL } from './gsm8k-workload.ts';

// The projects the client benchmarks start side by side, each in a folder of its own under `work`: the harness as a
// user installs it, Vitest alone (the floor every Vitest-based harness stands on) and a peer harness.

/**
 * A user's project running the built-in GSM8K for the bench model's key (`qwen3_8b`), with the harness installed from
 * the packed tarball (test/helpers/packed-harness.ts, as the package e2e test installs it).
 */
export async function makeInstalledProject(work: string): Promise<string> {
  const dir = join(work, 'installed');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'bench-installed',
      private: true,
      type: 'module',
      devDependencies: { vitest: '~4.1.12' },
      pnpm: { onlyBuiltDependencies: ['esbuild'] },
    }),
  );
  writeFileSync(
    join(dir, 'qwen-evals.config.ts'),
    `import { defineEvalConfig } from 'qwen-evals/config';
export default defineEvalConfig({ models: { qwen3_8b: { id: '${MODEL}' } }, evals: { builtins: ['gsm8k'], include: [] } });
`,
  );
  writeFileSync(
    join(dir, 'vitest.config.ts'),
    "import { withEvals } from 'qwen-evals/config';\nimport evals from './qwen-evals.config.ts';\nexport default withEvals(evals);\n",
  );
  await installPackedHarness(dir, work);
  return dir;
}

/**
 * The least a Vitest run can take to its first request on this machine: one plain test file, one chat request to
 * `$FLOOR_BASE_URL`, in the pool withEvals gives eval projects (threads, not isolated: ~0.25 s sooner here than
 * Vitest's default forks), on the Vitest and Vite of `project` (its node_modules: the installed project's Vite 8 loads
 * ~50 ms slower than this repository's Vite 7). Run it with `node node_modules/vitest/vitest.mjs run` in the returned
 * folder.
 */
export function makeVitestFloor(work: string, project: string): string {
  const dir = join(work, 'vitest-floor');
  mkdirSync(dir);
  symlinkSync(join(project, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    "export default { test: { include: ['floor.test.mjs'], pool: 'threads', isolate: false } };\n",
  );
  writeFileSync(
    join(dir, 'floor.test.mjs'),
    `import { test } from 'vitest';
test('one chat request', async () => {
  const body = JSON.stringify({ model: '${MODEL}', messages: [{ role: 'user', content: 'hi' }], max_tokens: 4 });
  await (await fetch(process.env.FLOOR_BASE_URL + '/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
});
`,
  );
  return dir;
}

/** The evalite release the peer project pins (the one the earlier measurements name). */
export const EVALITE_VERSION = '0.19.0';

/**
 * A peer harness also built on Vitest: evalite, installed from the npm registry (needs it reachable), with one eval of
 * one case that sends one chat request to `$PEER_BASE_URL` with a bare fetch (lighter than any SDK, so the
 * comparison favours the peer) and scores it. Run it with `node node_modules/evalite/dist/bin.js` in the folder.
 */
export async function makeEvaliteProject(work: string): Promise<string> {
  const dir = join(work, 'evalite');
  mkdirSync(join(dir, 'evals'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'bench-evalite',
      private: true,
      type: 'module',
      devDependencies: { evalite: EVALITE_VERSION, vitest: '~4.1.12' },
      pnpm: { onlyBuiltDependencies: [] },
    }),
  );
  // Its default storage is SQLite through a native module, which pnpm does not build without leave; results in memory
  // instead (first request measured here alike with either: 1.24-1.79 s SQLite, 1.25-1.64 s memory, 6 alternations).
  writeFileSync(
    join(dir, 'evalite.config.ts'),
    `import { defineConfig } from 'evalite/config';
import { createInMemoryStorage } from 'evalite/in-memory-storage';
export default defineConfig({ storage: () => createInMemoryStorage() });
`,
  );
  writeFileSync(
    join(dir, 'evals/one.eval.ts'),
    `import { evalite } from 'evalite';
evalite('one', {
  data: async () => [{ input: 'How many clips did Natalia sell altogether in April and May?', expected: '72' }],
  task: async (input) => {
    const body = JSON.stringify({ model: '${MODEL}', messages: [{ role: 'user', content: input }], max_tokens: 256 });
    const response = await fetch(process.env.PEER_BASE_URL + '/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return ((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
  },
  scorers: [{ name: 'contains', scorer: ({ output, expected }) => (output.includes(expected) ? 1 : 0) }],
});
`,
  );
  await execa('pnpm', ['install', '--prefer-offline'], { cwd: dir });
  return dir;
}

/**
 * This machine's speed moves by tens of percent within minutes (a VM on a shared host): a fixed loop in a fresh
 * process, timed, labels each sample with the speed it ran at (ms; lower is faster).
 */
export async function probeMachineMs(): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    '-e',
    'const t = performance.now(); let x = 0; for (let i = 0; i < 1e8; i++) x += i % 7; console.log(performance.now() - t, x);',
  ]);
  return Math.round(Number(stdout.split(' ')[0]));
}
