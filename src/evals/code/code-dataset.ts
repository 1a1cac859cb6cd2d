import type { ChatMessage } from '../../shared/chat-message.ts';
import type { SandboxProgram } from '../../scorers/python-tests/sandbox/types.ts';

// What a dataset answered with Python code hands the shared code-eval machinery: the machinery (sandboxed scoring,
// pass@k, time-limit calibration, simulation) knows no dataset; each dataset folder supplies one of these.

/** A problem of a code dataset: its id and the function the tests call. */
export interface CodeProblem {
  taskId: string | number;
  entryPoint: string;
}

/** Everything the code-eval machinery needs to know about one code dataset. */
export interface CodeDataset<P extends CodeProblem> {
  /** Dataset name, for the per-problem calibration cache. */
  name: string;
  /** The chat request of a problem. */
  messages(problem: P): ChatMessage[];
  /** The sandbox program for an answer's code: the candidate plus the tests that decide, and the judge to use. */
  program(problem: P, code: string): SandboxProgram & { assembly?: string };
  /** The expected answer as recorded (the tests that decide). */
  expected(problem: P): string;
  /** The reference solution as a chat model would answer (calibration and `EVAL_SIMULATE=gold`). */
  goldResponse(problem: P): string;
  /** A plausible answer that must fail (`EVAL_SIMULATE=wrong`). */
  wrongResponse(problem: P): string;
}
