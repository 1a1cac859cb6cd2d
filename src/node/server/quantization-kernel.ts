import type { KernelCheck } from '../../shared/quantization-kernel.ts';

// Read the quantization kernel vLLM chose from its log (shared/vllm/server-behaviour.md section 3). vLLM v0.21
// prints, at config time, either that an AWQ checkpoint is converted to the Marlin kernel or that the plain kernel was
// forced by `--quantization awq`; while building layers it names the linear kernel class, and warns per layer that
// falls back to the unoptimized kernel. Messages are matched on their text, not on file names or line numbers.

const CONVERTED = /The model is convertible to (\w+) during runtime\. Using (\w+) kernel\./;
const FORCED = /Detected that the model can run with (\w+), however you specified quantization=(\w+) explicitly, so forcing (\w+)/;
const LINEAR_KERNEL = /Using (\w+) for \w+LinearMethod/;
const FALLBACK = /is not supported by \w+\. Falling back to unoptimized \w+ kernels\./;
// vLLM <= 0.10.2 only (deleted upstream in #25012): the method is outside vLLM's optimized list.
const NOT_OPTIMIZED = /(\w+) quantization is not fully optimized yet\. The speed can be slower than non-quantized models\./;

/** Collects the kernel facts from a server's log as it streams (chunks may split lines). */
export class KernelLogScanner {
  #partial = '';
  #method: string | null = null;
  #fasterAvailable: string | null = null;
  #notOptimized: string | null = null;
  readonly #linearKernels = new Set<string>();
  #fallbackLayers = 0;

  /** Feed a chunk of the server's stdout or stderr. */
  push(chunk: string): void {
    const lines = (this.#partial + chunk).split(/\r?\n/);
    this.#partial = lines.pop() ?? '';
    for (const line of lines) this.#scan(line);
  }

  /** What the log said so far, as the run record keeps it. */
  result(model: string): KernelCheck {
    if (this.#partial) {
      this.#scan(this.#partial);
      this.#partial = '';
    }
    const facts = {
      method: this.#method,
      fasterAvailable: this.#fasterAvailable,
      linearKernels: [...this.#linearKernels],
      fallbackLayers: this.#fallbackLayers,
    };
    const slow = facts.fasterAvailable !== null || facts.fallbackLayers > 0 || this.#notOptimized !== null;
    return { source: 'server-log', ...facts, slow, message: describeKernel(model, facts, this.#notOptimized) };
  }

  #scan(line: string): void {
    const forced = FORCED.exec(line);
    if (forced) {
      this.#fasterAvailable = forced[1]!;
      this.#method = forced[3]!;
      return;
    }
    const converted = CONVERTED.exec(line);
    if (converted) {
      this.#method = converted[2]!;
      return;
    }
    const kernel = LINEAR_KERNEL.exec(line);
    if (kernel) this.#linearKernels.add(kernel[1]!);
    if (FALLBACK.test(line)) this.#fallbackLayers += 1;
    const old = NOT_OPTIMIZED.exec(line);
    if (old) {
      this.#notOptimized = old[1]!;
      this.#method ??= old[1]!;
    }
  }
}

/** The check of a server the harness did not launch: its log is out of reach. */
export function uncheckedKernel(server: string): KernelCheck {
  return {
    source: 'unavailable',
    method: null,
    fasterAvailable: null,
    linearKernels: [],
    fallbackLayers: 0,
    slow: false,
    message: `quantization kernel cannot be checked: ${server} was not launched by the harness, so its log cannot be read (check its log for "Using awq_marlin kernel")`,
  };
}

type KernelFacts = Pick<KernelCheck, 'method' | 'fasterAvailable' | 'linearKernels' | 'fallbackLayers'>;

function describeKernel(model: string, facts: KernelFacts, notOptimized: string | null): string {
  const kernels = facts.linearKernels.length ? ` (${facts.linearKernels.join(', ')})` : '';
  if (facts.fasterAvailable !== null) {
    return (
      `SLOW KERNEL: ${model} runs vLLM's plain \`${facts.method}\` kernel because \`--quantization ${facts.method}\` was passed, ` +
      `although \`${facts.fasterAvailable}\` is available (vLLM: "Use quantization=${facts.fasterAvailable} for faster inference"); ` +
      `throughput and latency of this run are not representative. Fix: set \`models.<key>.quantization\` to '${facts.fasterAvailable}' or leave it unset.`
    );
  }
  if (notOptimized !== null) {
    return `SLOW KERNEL: ${model} runs \`${notOptimized}\`, which this vLLM version calls "not fully optimized yet"; upgrade vLLM or use a Marlin kernel (\`${notOptimized}_marlin\`).`;
  }
  if (facts.fallbackLayers > 0) {
    return `SLOW KERNEL: ${facts.fallbackLayers} layer(s) of ${model} fell back to unoptimized kernels (\`${facts.method ?? 'quantized'}\` could not run them); see the server log.`;
  }
  if (facts.method === null) return 'no quantization kernel in the server log (unquantized model)';
  return `quantization kernel ${facts.method}${kernels}, from the server log`;
}
