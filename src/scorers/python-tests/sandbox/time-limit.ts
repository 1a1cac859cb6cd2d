import type { SandboxLimits } from './types.ts';

/** How a per-case CPU limit is derived from a reference run (evalplus-style). */
export interface TimeLimitPolicy {
  /** Lowest limit ever given. @default 3000 @unit ms */
  floorMs?: number;
  /** Multiple of the reference time. @default 4 */
  factor?: number;
}

// CPU limit T = max(floor, factor × reference time measured on this machine, in the same sandbox).
export function calibrateCpuMs(referenceMs: number, policy: TimeLimitPolicy = {}): number {
  const floorMs = policy.floorMs ?? 3000;
  const factor = policy.factor ?? 4;
  return Math.max(floorMs, Math.ceil(factor * referenceMs));
}

// Wall limit W = 2T + 1 s: catches sleeping or blocked code that burns no CPU.
export function wallMsFor(cpuMs: number): number {
  return 2 * cpuMs + 1000;
}

// Limits for one case from a measured reference time (the tests' own `testMs` of a passed run).
export function limitsForReference(referenceMs: number, policy: TimeLimitPolicy = {}): Pick<SandboxLimits, 'cpuMs' | 'wallMs'> {
  const cpuMs = calibrateCpuMs(referenceMs, policy);
  return { cpuMs, wallMs: wallMsFor(cpuMs) };
}
