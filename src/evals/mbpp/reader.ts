import { z } from 'zod';

/** One line of Google's `mbpp.jsonl`. */
export const MbppRowSchema = z.object({
  task_id: z.number().int(),
  text: z.string(),
  code: z.string(),
  test_list: z.array(z.string()).min(1),
  test_setup_code: z.string(),
  challenge_test_list: z.array(z.string()),
});

/** One record of Google's `sanitized-mbpp.json`. */
export const SanitizedMbppRowSchema = z.object({
  task_id: z.number().int(),
  prompt: z.string(),
  code: z.string(),
  test_imports: z.array(z.string()),
  test_list: z.array(z.string()).min(1),
});

/** An MBPP problem in the harness's naming (both splits map here). */
export interface MbppProblem {
  kind: 'mbpp';
  taskId: number;
  text: string;
  /** Reference solution, newlines normalised to `\n`. */
  code: string;
  testList: string[];
  /** Test-side setup (`test_setup_code`, or the sanitized `test_imports` joined). */
  testSetupCode: string;
  /** Function the tests call, derived from the reference code and the first assert. */
  entryPoint: string;
}

/** `test` = ids 11-510 of mbpp.jsonl (500); `sanitized-test` = the same id range of sanitized-mbpp.json (257). */
export type MbppSplit = 'test' | 'sanitized-test';

const TEST_IDS = { first: 11, last: 510 };

// The function the tests call: the first reference `def` named in the first assert, else its first call.
export function findMbppEntryPoint(code: string, tests: string[]): string {
  const defs = [...code.matchAll(/^def\s+(\w+)\s*\(/gm)].map((m) => m[1]!);
  const first = tests[0] ?? '';
  const named = defs.find((name) => new RegExp(`\\b${name}\\s*\\(`).test(first));
  return named ?? /assert\s+(?:\w+\s*\(\s*)*?(\w+)\s*\(/.exec(first)?.[1] ?? defs[0] ?? '';
}

// Parse one MBPP split from its file content (`mbpp.jsonl` for `test`, `sanitized-mbpp.json` for `sanitized-test`).
export function parseMbpp(split: MbppSplit, text: string): MbppProblem[] {
  const inTest = (id: number): boolean => id >= TEST_IDS.first && id <= TEST_IDS.last;
  const make = (taskId: number, prompt: string, rawCode: string, testList: string[], setup: string): MbppProblem => {
    const code = rawCode.replace(/\r\n?/g, '\n');
    return { kind: 'mbpp', taskId, text: prompt, code, testList, testSetupCode: setup, entryPoint: findMbppEntryPoint(code, testList) };
  };
  if (split === 'test') {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => MbppRowSchema.parse(JSON.parse(line)))
      .filter((row) => inTest(row.task_id))
      .map((row) => make(row.task_id, row.text, row.code, row.test_list, row.test_setup_code));
  }
  return z
    .array(SanitizedMbppRowSchema)
    .parse(JSON.parse(text))
    .filter((row) => inTest(row.task_id))
    .sort((a, b) => a.task_id - b.task_id)
    .map((row) => make(row.task_id, row.prompt, row.code, row.test_list, row.test_imports.join('\n')));
}
