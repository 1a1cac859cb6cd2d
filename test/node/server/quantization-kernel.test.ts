import { describe, expect, test } from 'vitest';
import { KernelLogScanner, uncheckedKernel } from '../../../src/node/server/quantization-kernel.ts';

// Log lines exactly as vLLM v0.21 prints them (shared/vllm/server-behaviour.md section 3), with the process prefix.
const MODEL = 'Qwen/Qwen2.5-14B-Instruct-AWQ';
const CONVERTED =
  '(APIServer pid=4711) INFO 05-19 10:00:01 [awq_marlin.py:162] The model is convertible to awq_marlin during runtime. Using awq_marlin kernel.\n';
const FORCED =
  '(APIServer pid=4711) INFO 05-19 10:00:01 [awq_marlin.py:168] Detected that the model can run with awq_marlin, however you specified quantization=awq explicitly, so forcing awq. Use quantization=awq_marlin for faster inference\n';
const LINEAR = '(EngineCore pid=4712) INFO 05-19 10:00:05 [awq_marlin.py:421] Using MarlinLinearKernel for AWQMarlinLinearMethod\n';

function scan(...chunks: string[]) {
  const scanner = new KernelLogScanner();
  for (const chunk of chunks) scanner.push(chunk);
  return scanner.result(MODEL);
}

describe('the quantization kernel read from the server log', () => {
  test('an AWQ checkpoint converted to Marlin is recorded with its linear kernel and no warning', () => {
    expect(scan(CONVERTED, LINEAR)).toMatchObject({
      source: 'server-log',
      method: 'awq_marlin',
      fasterAvailable: null,
      linearKernels: ['MarlinLinearKernel'],
      slow: false,
      message: 'quantization kernel awq_marlin (MarlinLinearKernel), from the server log',
    });
  });

  test('a forced plain awq kernel is slow, and the warning names the flag and the fix', () => {
    const check = scan(FORCED);
    expect(check).toMatchObject({ method: 'awq', fasterAvailable: 'awq_marlin', slow: true });
    expect(check.message).toMatch(
      /^SLOW KERNEL: Qwen\/Qwen2\.5-14B-Instruct-AWQ runs vLLM's plain `awq` kernel because `--quantization awq`/,
    );
    expect(check.message).toContain("set `models.<key>.quantization` to 'awq_marlin' or leave it unset");
  });

  test('a line split across two chunks is still read', () => {
    expect(scan(FORCED.slice(0, 60), FORCED.slice(60)).method).toBe('awq');
  });

  test('layers falling back to unoptimized kernels make the run slow', () => {
    const fallback =
      "(EngineCore pid=4712) WARNING 05-19 10:00:05 [awq_marlin.py:300] Layer 'model.layers.0.mlp' is not supported by AWQMarlin. Falling back to unoptimized AWQ kernels.\n";
    expect(scan(CONVERTED, fallback, fallback)).toMatchObject({ method: 'awq_marlin', fallbackLayers: 2, slow: true });
  });

  test("an older vLLM's not-optimized warning makes the run slow", () => {
    const old =
      '(APIServer pid=1) WARNING 05-19 10:00:01 [config.py:1] awq quantization is not fully optimized yet. The speed can be slower than non-quantized models.\n';
    expect(scan(old)).toMatchObject({ method: 'awq', slow: true });
  });

  test('an unquantized model logs no kernel', () => {
    expect(scan('(APIServer pid=1) INFO 05-19 10:00:00 [model.py:551] Resolved architecture: Qwen2ForCausalLM\n')).toMatchObject({
      method: null,
      slow: false,
      message: 'no quantization kernel in the server log (unquantized model)',
    });
  });

  test('an external server is recorded as not checkable, naming it', () => {
    expect(uncheckedKernel('the server at http://gpu:8000')).toMatchObject({ source: 'unavailable', slow: false });
    expect(uncheckedKernel('the server at http://gpu:8000').message).toContain(
      'cannot be checked: the server at http://gpu:8000 was not launched by the harness',
    );
  });
});
