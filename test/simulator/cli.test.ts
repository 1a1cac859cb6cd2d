import { afterEach, describe, expect, test } from 'vitest';
import { killAll, spawnVllm, startServer } from './support/sim-process.ts';

afterEach(killAll);

describe('vllm CLI', () => {
  test('prints the emulated version with --version', async () => {
    const sim = await spawnVllm(['--version']);
    expect(await sim.exited).toEqual({ code: 0, signal: null });
    expect(sim.stdout()).toBe('0.21.0\n');
  });

  test('rejects a removed flag with exit 2, usage and unrecognized arguments on stderr', async () => {
    const sim = await spawnVllm(['serve', 'Qwen/Qwen2.5-7B-Instruct', '--use-v2-block-manager']);
    expect((await sim.exited).code).toBe(2);
    expect(sim.stderr()).toBe(
      'usage: vllm serve [model_tag] [options]\nvllm serve: error: unrecognized arguments: --use-v2-block-manager\n',
    );
    expect(sim.stdout()).toBe('');
  });

  test('rejects a non-integer --max-num-seqs with an argparse error and exit 2', async () => {
    const sim = await spawnVllm(['serve', 'Qwen/Qwen2.5-7B-Instruct', '--max-num-seqs', 'abc']);
    expect((await sim.exited).code).toBe(2);
    expect(sim.stderr()).toContain("vllm serve: error: argument --max-num-seqs: invalid int value: 'abc'");
  });

  test('rejects an invalid --dtype choice listing the allowed values', async () => {
    const sim = await spawnVllm(['serve', 'Qwen/Qwen2.5-7B-Instruct', '--dtype', 'fp7']);
    expect((await sim.exited).code).toBe(2);
    expect(sim.stderr()).toContain("argument --dtype: invalid choice: 'fp7' (choose from 'auto', 'bfloat16'");
  });

  test('treats --max_num_seqs 8 exactly like --max-num-seqs 8', async () => {
    const underscore = await startServer(['--max_num_seqs', '8']);
    const dash = await startServer(['--max-num-seqs=8']);
    const slots = async (base: string) => ((await (await fetch(`${base}/_sim/stats`)).json()) as { slots: number }).slots;
    expect(await slots(underscore.baseUrl)).toBe(8);
    expect(await slots(dash.baseUrl)).toBe(8);
    expect(underscore.stdout()).toContain("'max_num_seqs': 8");
  });

  test('reads a k suffix on --max-model-len as x1000', async () => {
    const sim = await startServer(['--max-model-len', '4k']);
    expect(sim.stdout()).toContain('Using max model len 4000');
  });

  test('fails with a Python ValueError and exit 1 when --quantization contradicts an AWQ checkpoint', async () => {
    const sim = await spawnVllm(['serve', 'Qwen/Qwen2.5-14B-Instruct-AWQ', '--quantization', 'gptq']);
    expect((await sim.exited).code).toBe(1);
    expect(sim.stderr()).toContain('Traceback (most recent call last):');
    expect(sim.stderr()).toContain(
      'ValueError: Quantization method specified in the model config (awq) does not match the quantization method specified in the `quantization` argument (gptq).',
    );
  });

  test('fails with exit 1 when --enable-auto-tool-choice is given without --tool-call-parser', async () => {
    const sim = await spawnVllm(['serve', 'Qwen/Qwen2.5-7B-Instruct', '--enable-auto-tool-choice']);
    expect((await sim.exited).code).toBe(1);
    expect(sim.stderr()).toContain('TypeError: Error: --enable-auto-tool-choice requires --tool-call-parser');
  });

  test('logs the awq_marlin kernel choice for an -AWQ model', async () => {
    const sim = await startServer([], {}, 'Qwen/Qwen2.5-14B-Instruct-AWQ');
    expect(sim.stdout()).toContain('The model is convertible to awq_marlin during runtime. Using awq_marlin kernel.');
  });
});
