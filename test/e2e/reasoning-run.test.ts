import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { expect, test } from 'vitest';
import type { CaseRecord } from '../../src/shared/records/case-record.ts';
import { repoRoot } from '../helpers/processes.ts';
import { evalEnv, readRunRecords } from '../helpers/run-vitest.ts';

// Issue 10: a reasoning model (Qwen3, thinking switched per run) against the simulated vLLM, as a user's config has
// it: GSM8K scored on the answer alone, the reasoning and its tokens recorded apart, on and off never equal runs.
const VITEST = join(repoRoot, 'node_modules/vitest/vitest.mjs');
const CASES = 6;

function writeConfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'e2e-reasoning-')), 'vitest.config.ts');
  const config = `{
    models: { qwen3_4b: { id: 'Qwen/Qwen3-4B', reasoning: { parser: 'qwen3' } } },
    evals: { builtins: ['gsm8k'] },
    thresholds: { qwen3_4b: { 'gsm8k/0shot': { strict: 0.85 } } },
  }`;
  writeFileSync(
    file,
    `import { defineEvalConfig, withEvals } from ${JSON.stringify(join(repoRoot, 'src/config.ts'))};\nexport default withEvals(defineEvalConfig(${config}));\n`,
  );
  return file;
}

function readCases(resultsDir: string, runId: string): CaseRecord[] {
  return readFileSync(join(resultsDir, 'cases', `${runId}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CaseRecord)
    .sort((a, b) => Number(a.caseId) - Number(b.caseId));
}

test('a Qwen3 model scores gold GSM8K answers 100% with thinking on and off, its reasoning and tokens recorded apart', async () => {
  const config = writeConfig();
  const env = evalEnv({ EVAL_SIMULATE: 'gold', EVAL_LIMIT: String(CASES) });
  const run = (thinking: string) =>
    execa(process.execPath, [VITEST, 'run', '--root', repoRoot, '--config', config, '--project', 'qwen3_4b'], {
      reject: false,
      all: true,
      env: { ...env, EVAL_THINKING: thinking },
      extendEnv: false,
    });
  const first = await run('on');
  expect(first.exitCode, first.all).toBe(0);
  const second = await run('off');
  expect(second.exitCode, second.all).toBe(0);
  expect(first.all).toContain('thinking on (--reasoning-parser qwen3)');
  expect(first.all).toMatch(/^ {2}reasoning {2}gsm8k\/0shot: mean \d+ tokens per case over 6 case\(s\)$/m);
  expect(second.all).not.toMatch(/reasoning {2}gsm8k/);

  const [on, off] = readRunRecords(env.EVAL_RESULTS_DIR!);
  expect(on!.server.command!.join(' ')).toContain('--reasoning-parser qwen3');
  expect([on!.model.reasoning, off!.model.reasoning]).toEqual([
    { parser: 'qwen3', thinking: true },
    { parser: 'qwen3', thinking: false },
  ]);
  expect([on!.datasets['gsm8k/0shot']!.metrics.strict!.value, off!.datasets['gsm8k/0shot']!.metrics.strict!.value]).toEqual([1, 1]);

  // Thinking on: every answer's reasoning is in the record apart from the response, split by the server's parser.
  const thinking = readCases(env.EVAL_RESULTS_DIR!, on!.runId);
  const quiet = readCases(env.EVAL_RESULTS_DIR!, off!.runId);
  expect(thinking).toHaveLength(CASES);
  for (const c of thinking) {
    expect(c.reasoning).toEqual([expect.objectContaining({ splitBy: 'server', text: expect.stringContaining('let me think') })]);
    expect(c.response).not.toMatch(/think/);
  }
  // Counted apart: the thinking run's extra completion tokens are its reasoning tokens plus <think>, </think> and the
  // blank line after it (the simulator's tokenizer, one token each).
  for (const [i, c] of thinking.entries()) {
    expect(c.usage.reasoningTokens).toBeGreaterThan(0);
    expect(c.usage.completionTokens! - quiet[i]!.usage.completionTokens!).toBe(c.usage.reasoningTokens! + 3);
  }
  expect(quiet.every((c) => c.reasoning === undefined && c.usage.reasoningTokens === undefined)).toBe(true);
  expect(on!.datasets['gsm8k/0shot']!.reasoning).toMatchObject({ cases: CASES, tokensUnknown: 0, splitByHarness: 0 });
  expect(off!.datasets['gsm8k/0shot']!.reasoning).toBeNull();

  // Never equals: the fingerprints differ in the thinking switch, and the tracker keeps them apart.
  expect([on!.fingerprint['model.thinking'], off!.fingerprint['model.thinking']]).toEqual(['qwen3:on', 'qwen3:off']);
  expect(on!.fingerprintHash).not.toBe(off!.fingerprintHash);
  const tracker = readFileSync(join(env.EVAL_RESULTS_DIR!, 'TRACKER-full.md'), 'utf8');
  expect(tracker).toContain('### qwen3_4b · balanced · thinking on (qwen3) — SIMULATED (gold)');
  expect(tracker).toContain('### qwen3_4b · balanced · thinking off (qwen3) — SIMULATED (gold)');
});
