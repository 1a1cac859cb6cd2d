import { inject } from 'vitest';
import { ConfigError } from './errors.ts';

// What global setup (main process) hands to the suites (workers). Plain data only: it is structured-cloned.

/** The server the suites talk to. */
export interface ServerContext {
  /** Base URL of the run's dispatcher (owns the in-flight limit); clients send everything here. */
  baseUrl: string;
  /** Upstream server URLs (the launched vLLM, or EVAL_BASE_URL replicas). */
  upstreams: string[];
  /** Model id the server answers to. */
  model: string;
  launched: boolean;
  /** True when the upstream is the simulated vLLM: every output is labelled simulated. */
  simulated: boolean;
  command: string[] | null;
  vllmVersion: string | null;
  logFile: string | null;
  maxNumSeqs: number;
  inFlightLimit: number;
  apiKey: string | null;
}

/** The run being recorded. */
export interface RunContext {
  runId: string;
  startedAt: string;
  resultsDir: string;
  modelKey: string;
  modelId: string;
  revision: string | null;
  quantization: string | null;
  preset: string;
  limit: number | null;
  thresholds: Record<string, Record<string, number>>;
  sampling: { temperature: number; topP: number; seed: number; maxTokens: number };
  /** Code sandbox and pass@k sampling (config `code`). */
  code: { sandbox: 'bwrap' | 'unsafe-rlimits-only'; samples: number; temperature: number; passAtK: number[]; mbppSplit: 'test' | 'sanitized-test' };
  /** Variants to run per suite (config `variants`). */
  variants: { gsm8k: Array<'0shot' | '8shot'>; arc_challenge: Array<'chat' | 'loglikelihood'>; hellaswag: Array<'chat' | 'loglikelihood'> };
  /** Retries and per-try deadlines (milliseconds) of requests to the server; the dispatcher enforces the deadlines. */
  client: { maxRetries: number; requestTimeoutMs: number; idleTimeoutMs: number; headersTimeoutMs: number };
  /** Case records of an earlier run to reuse (EVAL_RESUME); cases recorded there without error are not asked again. */
  resumeFrom: string | null;
  /** Dataset download base (a loopback mirror in tests and demos); null = the public pinned URLs. */
  datasetBaseUrl: string | null;
  /** Judge of judged suites; null `baseUrl`/`model` = the evaluated server and model (through the dispatcher). */
  judge: { baseUrl: string | null; model: string | null; apiKey: string | null; temperature: number; maxTokens: number };
}

declare module 'vitest' {
  interface ProvidedContext {
    /** Set by setup/global-setup.ts for model projects. */
    evalServer: ServerContext;
    /** Set by setup/global-setup.ts for model projects. */
    evalRun: RunContext;
  }
}

// inject() returns undefined for keys never provided despite its type; fail with the fix instead.
export function injectEvalContext(): { server: ServerContext; run: RunContext } {
  const server = inject('evalServer');
  const run = inject('evalRun');
  if (!server || !run) {
    throw new ConfigError(
      'No evaluation server was provided to this suite. Run eval suites through a model project, e.g. `pnpm vitest run --project qwen3_8b`; the project\'s global setup (setup/global-setup.ts) starts or checks the server.',
    );
  }
  return { server, run };
}
