import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../helpers/processes.ts';
import { evalEnv, readRunRecords, startVitest } from '../helpers/run-vitest.ts';

// Issue 12: an AWQ model launched with `--quantization awq` runs vLLM's slow plain kernel; the run output and the
// tracker say so, and the run record keeps the kernel. With `awq_marlin` nothing is said.
function awqConfig(quantization: 'awq' | 'awq_marlin'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'e2e-awq-')), 'vitest.config.ts');
  const config = { models: { qwen_awq: { id: 'Qwen/Qwen2.5-14B-Instruct-AWQ', quantization } }, evals: { builtins: ['gsm8k'] } };
  writeFileSync(
    file,
    `import { defineEvalConfig, withEvals } from ${JSON.stringify(join(repoRoot, 'src/config.ts'))};\nexport default withEvals(defineEvalConfig(${JSON.stringify(config)}));\n`,
  );
  return file;
}

async function runAwq(quantization: 'awq' | 'awq_marlin') {
  const env = evalEnv({ EVAL_SIMULATE: 'gold', EVAL_LIMIT: '4' });
  const result = await startVitest(['--config', awqConfig(quantization), '--project', 'qwen_awq'], env);
  const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
  const tracker = readFileSync(join(env.EVAL_RESULTS_DIR!, 'TRACKER-full.md'), 'utf8');
  return { result, record: record!, tracker };
}

describe('the AWQ kernel check on the simulated vLLM', () => {
  test('`--quantization awq` is warned about in the run output and the tracker, and recorded', async () => {
    const { result, record, tracker } = await runAwq('awq');
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toMatch(/^ {2}WARN {2}SLOW KERNEL: Qwen\/Qwen2\.5-14B-Instruct-AWQ runs vLLM's plain `awq` kernel/m);
    expect(record.server.quantizationKernel).toMatchObject({ source: 'server-log', method: 'awq', slow: true });
    expect(record.fingerprint['server.quantizationKernel']).toBe('awq');
    expect(tracker).toContain('> **WARNING: slow quantization kernel.** SLOW KERNEL:');
  });

  test('`--quantization awq_marlin` runs the Marlin kernel without a warning', async () => {
    const { result, record, tracker } = await runAwq('awq_marlin');
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).not.toContain('SLOW KERNEL');
    expect(record.server.quantizationKernel).toMatchObject({ method: 'awq_marlin', linearKernels: ['MarlinLinearKernel'], slow: false });
    expect(record.fingerprint['server.quantizationKernel']).toBe('awq_marlin');
    expect(tracker).not.toContain('slow quantization kernel');
    expect(tracker).toContain('- Quantization kernel: `awq_marlin` (MarlinLinearKernel), from the server log');
  });
});
