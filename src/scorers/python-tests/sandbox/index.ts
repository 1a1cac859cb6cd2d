// Public surface of the code-execution sandbox.
export { createSandbox } from './create-sandbox.ts';
export type { Sandbox, SandboxOptions } from './create-sandbox.ts';
export { probeBwrap, explainBwrapFailure } from './probe.ts';
export type { ProbeResult } from './probe.ts';
export { calibrateCpuMs, limitsForReference, wallMsFor } from './time-limit.ts';
export type { TimeLimitPolicy } from './time-limit.ts';
export { resolvePython } from './python-interpreter.ts';
export { DEFAULT_LIMITS } from './types.ts';
export type {
  IsolationInfo,
  IsolationMode,
  JudgeMode,
  SandboxLimits,
  SandboxProgram,
  SandboxResult,
  SandboxStatus,
  WorkerTag,
} from './types.ts';
