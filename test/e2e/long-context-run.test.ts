import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { LENGTH_TOLERANCE, generateCases } from '../../src/evals/long-context/generate.ts';
import { repoRoot } from '../helpers/processes.ts';
import { evalEnv, readRunRecords, startVitest } from '../helpers/run-vitest.ts';

// `vitest run --project qwen3_8b long-context` as a user runs it: the opt-in suite picked by the file filter, two
// lengths (one beyond the model's 32K, so YaRN), a few cases each, answered by the simulated vLLM from the gold.
const YARN = '{"rope_parameters":{"rope_type":"yarn","factor":4.0,"original_max_position_embeddings":32768}}';

function writeConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-long-context-'));
  const file = join(dir, 'vitest.config.ts');
  const config = `{ models: { qwen3_8b: { id: 'Qwen/Qwen2.5-7B-Instruct', contextLength: 32768 } }, variants: { long_context: ['4k', '64k'] } }`;
  writeFileSync(
    file,
    `import { defineEvalConfig, withEvals } from ${JSON.stringify(join(repoRoot, 'src/config.ts'))};\nexport default withEvals(defineEvalConfig(${config}));\n`,
  );
  return file;
}

test('scores 100% at 4K and at 64K with YaRN switched on, and reports timings per length', async () => {
  const prefillPerTokenMs = 0.002;
  const env = evalEnv({ EVAL_SIMULATE: 'gold', EVAL_LIMIT: '3', VLLM_SIM_PREFILL_PER_TOKEN_MS: String(prefillPerTokenMs) });
  const result = await startVitest(['--config', writeConfig(), '--project', 'qwen3_8b', 'long-context'], env);
  expect(result.exitCode, result.all).toBe(0);
  const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
  expect(Object.keys(record!.datasets).sort()).toEqual(['long_context/4k', 'long_context/64k']);
  for (const dataset of Object.values(record!.datasets)) {
    expect(dataset.metrics.score!.value).toBe(1);
    expect(dataset.counts.correct).toBe(3);
  }

  // YaRN the way vLLM v0.21 takes it, recorded in the run record and the fingerprint.
  const command = record!.server.command!;
  expect(command[command.indexOf('--hf-overrides') + 1]).toBe(YARN);
  expect(command[command.indexOf('--max-model-len') + 1]).toBe('131072');
  expect(command).not.toContain('--rope-scaling');
  expect(record!.server.ropeScaling).toEqual({ type: 'yarn', factor: 4, originalMaxPositionEmbeddings: 32768 });
  expect(record!.server.maxModelLen).toBe(131072);
  expect(record!.fingerprint['model.rope']).toBe('yarn x4 from 32768');
  expect(result.all).toMatch(/YaRN on: the run needs 65536 tokens/);

  // The server's own prompt counts land within the tolerance; a priced prefill delays 64K answers by at least its price
  // (a lower bound: "later than at 4K" would depend on the machine's load; the template and header, well under 1000
  // tokens, may come from the prefix cache).
  const long = record!.datasets['long_context/64k']!;
  const target = generateCases({ length: '64k', count: 1 })[0]!.targetTokens;
  expect(Math.abs(long.performance!.promptTokensMean! - target)).toBeLessThanOrEqual(LENGTH_TOLERANCE);
  expect(long.performance!.ttftMs!.p50).toBeGreaterThanOrEqual((long.performance!.promptTokensMean! - 1000) * prefillPerTokenMs);
  const tracker = readFileSync(join(env.EVAL_RESULTS_DIR!, 'TRACKER-full.md'), 'utf8');
  expect(tracker).toContain('#### Timings per dataset — SIMULATED timing model');
  expect(tracker).toMatch(/\| long_context\/64k \| 6\d,\d{3} \|/);
});
