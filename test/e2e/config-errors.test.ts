import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { childrenCpuSeconds, repoRoot } from '../helpers/processes.ts';
import { evalEnv } from '../helpers/run-vitest.ts';

// Bad input is refused when vitest.config.ts loads, before any server starts, with one clear message.
const VITEST = join(repoRoot, 'node_modules/vitest/vitest.mjs');

function writeConfig(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-config-'));
  const file = join(dir, 'vitest.config.ts');
  writeFileSync(
    file,
    `import { defineEvalConfig, withEvals } from ${JSON.stringify(join(repoRoot, 'src/config.ts'))};\nexport default withEvals(defineEvalConfig(${body}));\n`,
  );
  return file;
}

// The run, and the CPU its process tree used (bash's `times`): how much work happened before it stopped, which load
// from other test files barely changes, unlike wall time (7.8 s once in a fresh-clone CI on a slow minute, under 2 s
// idle).
async function runWith(config: string, env: Record<string, string | undefined>) {
  const timesFile = join(mkdtempSync(join(tmpdir(), 'e2e-times-')), 'times');
  const result = await execa(
    'bash',
    [
      '-c',
      '"$0" "$@"; code=$?; times > "$TIMES_FILE"; exit $code',
      process.execPath,
      VITEST,
      'run',
      '--config',
      config,
      '--project',
      'qwen3_8b',
    ],
    { reject: false, all: true, env: { ...env, TIMES_FILE: timesFile }, extendEnv: false },
  );
  return { ...result, cpuSeconds: childrenCpuSeconds(readFileSync(timesFile, 'utf8')) };
}

describe('config errors', () => {
  test('a percentage given as a proportion threshold stops the run at config load, naming the path', async () => {
    const config = writeConfig(
      `{ models: { qwen3_8b: { id: 'Qwen/Qwen2.5-7B-Instruct' } }, thresholds: { qwen3_8b: { 'gsm8k/0shot': { strict: 85 } } } }`,
    );
    const result = await runWith(config, evalEnv({ EVAL_SIMULATE: 'gold' }));
    expect(result.exitCode).toBe(1);
    expect(result.all).toContain(
      'thresholds.qwen3_8b.gsm8k/0shot.strict: expected a number in [0, 1], received 85 (a proportion: did you mean 0.85?)',
    );
    // One message, no zod dump, no stack, and nothing launched.
    expect(result.all).not.toMatch(/ZodError|^\s+at /m);
    expect(result.all).not.toContain('launched');
    // Stopped at config load: 1.25 s of CPU here (Vitest and the config bundle); a run that went on (every built-in,
    // simulated) would spend minutes; a one-case simulated run alone takes 3.6 s.
    expect(result.cpuSeconds).toBeLessThan(4);
  });

  test('a results folder that cannot be written is named before anything runs', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'e2e-results-file-')), 'not-a-folder');
    writeFileSync(file, '');
    const config = writeConfig(`{ models: { qwen3_8b: { id: 'Qwen/Qwen2.5-7B-Instruct' } } }`);
    const result = await runWith(config, evalEnv({ EVAL_SIMULATE: 'gold', EVAL_RESULTS_DIR: join(file, 'results') }));
    expect(result.exitCode).toBe(1);
    expect(result.all).toContain(`The results folder ${join(file, 'results')} cannot be written`);
    expect(result.all).toContain('set `EVAL_RESULTS_DIR` to a writable folder');
    expect(result.all).not.toContain('JSON report');
    expect(result.all).not.toContain('launched');
  });
});
