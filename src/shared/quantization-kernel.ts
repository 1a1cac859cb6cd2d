import { z } from 'zod';

// The quantization kernel check: which kernel vLLM chose for a quantized checkpoint, read from the launched
// server's log (vLLM prints its choice at config time), recorded in the run record and the fingerprint.

/** What the server log said about the quantization kernel; `unavailable` when the harness could not read the log. */
export const KernelCheckSchema = z.object({
  /** `server-log`: read from the launched server's log; `unavailable`: an external server (EVAL_BASE_URL), whose log the harness cannot read. */
  source: z.enum(['server-log', 'unavailable']),
  /** Quantization method vLLM runs (`awq_marlin`, `awq`, ...); null when the log named none (an unquantized model). */
  method: z.string().nullable(),
  /** The fast method vLLM said was available when a slower one was forced (`awq_marlin` when `awq` was forced). */
  fasterAvailable: z.string().nullable(),
  /** Linear kernel classes vLLM logged (`Using MarlinLinearKernel for AWQMarlinLinearMethod`). */
  linearKernels: z.array(z.string()),
  /** Layers vLLM could not run on the optimized kernel (`Falling back to unoptimized ... kernels`). */
  fallbackLayers: z.number().int().nonnegative(),
  /** True when the model runs a slow kernel although a fast one exists: the run output and the tracker warn. */
  slow: z.boolean(),
  /** One line for people: the kernel, or the warning with its fix, or why it could not be checked. */
  message: z.string(),
});
export type KernelCheck = z.infer<typeof KernelCheckSchema>;

/** Fingerprint value of a kernel check: the method (`awq_marlin`), `none`, or `unknown` when it could not be checked. */
export function kernelFingerprintValue(check: KernelCheck | null): string | null {
  if (check === null) return null;
  if (check.source === 'unavailable') return 'unknown';
  return check.method ?? 'none';
}
