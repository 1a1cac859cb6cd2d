import { toCodeCaseFields, type CodeCaseFields } from './case-fields.ts';
import { extractCode, type ExtractedCode } from './extract-code.ts';
import type { Sandbox } from './sandbox/create-sandbox.ts';
import type { SandboxLimits, SandboxProgram, SandboxResult } from './sandbox/types.ts';

/** Everything a code case produces: what was extracted, what ran, and the record fields. */
export interface CodeScore {
  extracted: ExtractedCode | null;
  /** Source that ran in the sandbox; null when nothing was extracted. */
  program: string | null;
  result: SandboxResult | null;
  fields: CodeCaseFields;
}

/** How to turn an answer into a program. */
export interface PythonTestsProgram {
  /** The function the tests call; a code block defining it wins over other blocks. */
  entryPoint?: string;
  /** The program: the candidate code plus the tests that decide; `assembly` (if any) goes into the record. */
  build(code: string): SandboxProgram & { assembly?: string };
  /** The request pre-filled an opening ```python fence. @default false */
  prefilled?: boolean;
  limits?: Partial<SandboxLimits>;
}

// Extract the code, build the program, run it in the sandbox, and map the result to case-record fields.
export async function runPythonTests(sandbox: Sandbox, response: string, options: PythonTestsProgram): Promise<CodeScore> {
  const extracted = extractCode(response, {
    prefilled: options.prefilled ?? false,
    ...(options.entryPoint ? { entryPoint: options.entryPoint } : {}),
  });
  if (extracted === null) return { extracted, program: null, result: null, fields: toCodeCaseFields(null, null) };
  const { assembly, ...program } = options.build(extracted.code);
  const result = await sandbox.run(options.limits ? { ...program, limits: { ...program.limits, ...options.limits } } : program);
  const fields = toCodeCaseFields(extracted.code, result);
  if (assembly !== undefined) fields.detail = { ...fields.detail, assembly };
  if (options.limits?.cpuMs) fields.detail = { ...fields.detail, cpuLimitMs: options.limits.cpuMs };
  return { extracted, program: program.code, result, fields };
}
