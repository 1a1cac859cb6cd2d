import type { Scorer } from '../scorer.ts';
import { PASS_AT_1 } from './case-fields.ts';
import { runPythonTests } from './run-python-tests.ts';
import type { Sandbox } from './sandbox/create-sandbox.ts';
import type { IsolationMode, SandboxLimits, SandboxProgram } from './sandbox/types.ts';
import { getSharedSandbox } from './shared-sandbox.ts';

/** Options of `pythonTests`. */
export interface PythonTestsOptions<Item> {
  /** Metric name. @default 'pass@1' */
  name?: string;
  /** The function the answer must define; helps pick the right code block. */
  entryPoint?: (item: Item) => string;
  /**
   * The program to run: the candidate code plus the tests that decide (asserts; a pass is proven by the harness).
   * Tests run under the split-process judge unless the program sets `judge: 'in-process'` (needed when tests
   * pass objects of the candidate's own classes, or types and functions, to the candidate).
   */
  program: (item: Item, code: string) => SandboxProgram & { assembly?: string };
  /** Per-case limits (e.g. calibrated from a reference solution). @default the sandbox defaults (3 s CPU) */
  limits?: (item: Item) => Promise<Partial<SandboxLimits> | undefined> | Partial<SandboxLimits> | undefined;
  /** The request pre-filled an opening ```python fence. @default false */
  prefilled?: boolean;
  /** Isolation of model code: `bwrap` (fails closed) or the opt-in `unsafe-rlimits-only`. @default 'bwrap' */
  isolation?: IsolationMode;
  /** Use this sandbox instead of the worker's shared one. */
  sandbox?: Sandbox;
}

/**
 * Runs the answer's Python in the sandbox against the case's tests. Passes only when the harness proves every test
 * ran to the end (exit codes and printed text prove nothing); no code in the answer = unparseable.
 * @example pythonTests({ entryPoint: (p) => p.entryPoint, program: (p, code) => ({ code, tests: p.asserts }) })
 */
export function pythonTests<Item>(options: PythonTestsOptions<Item>): Scorer<Item> {
  return {
    name: options.name ?? PASS_AT_1,
    kind: 'proportion',
    description: 'the answer passes every test in the sandbox',
    score: async ({ item, response }) => {
      const sandbox = options.sandbox ?? (await getSharedSandbox(options.isolation ?? 'bwrap'));
      const limits = await options.limits?.(item);
      const { fields } = await runPythonTests(sandbox, response, {
        build: (code) => options.program(item, code),
        ...(options.entryPoint ? { entryPoint: options.entryPoint(item) } : {}),
        ...(options.prefilled ? { prefilled: true } : {}),
        ...(limits ? { limits } : {}),
      });
      return {
        score: fields.scores[PASS_AT_1] ?? null,
        extracted: fields.extracted.code ?? null,
        verdict: fields.verdict,
        ...(fields.detail ? { detail: fields.detail } : {}),
      };
    },
  };
}
