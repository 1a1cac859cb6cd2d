import { z } from 'zod';

/** One line of openai/human-eval `HumanEval.jsonl`. */
export const HumanEvalRowSchema = z.object({
  task_id: z.string().regex(/^HumanEval\/\d+$/),
  prompt: z.string(),
  canonical_solution: z.string(),
  test: z.string(),
  entry_point: z.string().regex(/^\w+$/),
});
export type HumanEvalRow = z.infer<typeof HumanEvalRowSchema>;

/** A HumanEval problem in the harness's naming. */
export interface HumanEvalProblem {
  kind: 'humaneval';
  taskId: string;
  /** Imports, helpers, signature and docstring of the entry point. */
  prompt: string;
  /** Body of the entry point (continues `prompt`). */
  canonicalSolution: string;
  /** Defines `check(candidate)`. */
  test: string;
  entryPoint: string;
}

/** Expected number of problems. */
export const HUMANEVAL_SIZE = 164;

// Parse HumanEval.jsonl content (the suites get it from the verified dataset cache).
export function parseHumanEval(text: string): HumanEvalProblem[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => HumanEvalRowSchema.parse(JSON.parse(line)))
    .map((row) => ({
      kind: 'humaneval' as const,
      taskId: row.task_id,
      prompt: row.prompt,
      canonicalSolution: row.canonical_solution,
      test: row.test,
      entryPoint: row.entry_point,
    }));
}
