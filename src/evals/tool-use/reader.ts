import { z } from 'zod';

// The tool-use tasks the package ships (tasks.jsonl): a request, the workspace files, the calls that solve it (in
// order, one per step), which of them any solution must make, the facts the final answer must state, and the files
// that must exist at the end.

const Value: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(Value), z.record(z.string(), Value)]),
);

/** One tool call as the dataset writes it. */
export const TaskCallSchema = z.strictObject({ name: z.string().min(1), arguments: z.record(z.string(), Value) });
export type TaskCall = z.infer<typeof TaskCallSchema>;

/** One tool-use task. */
export const ToolTaskSchema = z
  .strictObject({
    id: z.string().regex(/^tool-\d{3}$/),
    prompt: z.string().min(1),
    /** Workspace files at the start (absolute paths). */
    files: z.record(z.string(), z.string()).optional(),
    /** A solution: the calls in order, one per step. */
    calls: z.array(TaskCallSchema).min(1),
    /** Indexes into `calls` that every solution must make, in this order. @default all of them */
    required: z.array(z.number().int().nonnegative()).optional(),
    /** Facts the final answer must state (numbers compare as numbers). */
    answer: z.array(z.string().min(1)).min(1),
    /** Files that must hold this text at the end (outer whitespace ignored). */
    finalFiles: z.record(z.string(), z.string()).optional(),
  })
  .refine((t) => (t.required ?? []).every((i) => i < t.calls.length), { message: '`required` points past `calls`' });
export type ToolTask = z.infer<typeof ToolTaskSchema>;

/** The calls every solution must make, in order. */
export function requiredCalls(task: ToolTask): TaskCall[] {
  return task.required ? task.required.map((i) => task.calls[i]!) : task.calls;
}
