import { afterEach, describe, expect, test } from 'vitest';
import { killAll, startServer } from './support/sim-process.ts';

afterEach(killAll);

const AWQ = 'Qwen/Qwen2.5-14B-Instruct-AWQ';
const CONVERTED = 'The model is convertible to awq_marlin during runtime. Using awq_marlin kernel.';
const FORCED =
  'Detected that the model can run with awq_marlin, however you specified quantization=awq explicitly, so forcing awq. Use quantization=awq_marlin for faster inference';

// vLLM v0.21's kernel lines for an AWQ checkpoint (shared/vllm/server-behaviour.md section 3).
describe('the simulated quantization kernel log', () => {
  test('`--quantization awq_marlin` logs the conversion and the Marlin linear kernel', async () => {
    const out = (await startServer(['--quantization', 'awq_marlin'], {}, AWQ)).stdout();
    expect(out).toContain(CONVERTED);
    expect(out).toContain('Using MarlinLinearKernel for AWQMarlinLinearMethod');
    expect(out).not.toContain('forcing awq');
  });

  test('`--quantization awq` logs that the plain kernel is forced, and no Marlin kernel', async () => {
    const out = (await startServer(['--quantization', 'awq'], {}, AWQ)).stdout();
    expect(out).toContain(FORCED);
    expect(out).not.toContain(CONVERTED);
    expect(out).not.toContain('MarlinLinearKernel');
    expect(out).not.toContain('not fully optimized');
  });
});

describe('simulated tensor and data parallelism', () => {
  test('the engine config line carries the parallel sizes, and -dp multiplies the batch slots', async () => {
    const sim = await startServer(['--max-num-seqs', '4', '--tensor-parallel-size', '2', '--data-parallel-size', '2']);
    expect(sim.stdout()).toContain('tensor_parallel_size=2, pipeline_parallel_size=1, data_parallel_size=2,');
    const stats = (await (await fetch(`${sim.baseUrl}/_sim/stats`)).json()) as { slots: number };
    expect(stats.slots).toBe(8);
  });
});
