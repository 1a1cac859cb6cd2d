import type { Sandbox } from './sandbox/create-sandbox.ts';
import type { SandboxLimits, SandboxResult } from './sandbox/types.ts';
import { toCodeCaseFields, type CodeCaseFields } from './case-fields.ts';
import { extractCode, type ExtractedCode } from './extract-code.ts';
import type { HumanEvalProblem } from '../../evals/humaneval/reader.ts';
import { buildHumanEvalProgram } from '../../evals/humaneval/program.ts';
import type { MbppProblem } from '../../evals/mbpp/reader.ts';
import { buildMbppProgram } from '../../evals/mbpp/program.ts';

/** Everything a code case produces: what was extracted, what ran, and the record fields. */
export interface CodeScore {
  extracted: ExtractedCode | null;
  /** Source that ran in the sandbox (after joining with the prompt); null when nothing was extracted. */
  program: string | null;
  result: SandboxResult | null;
  fields: CodeCaseFields;
}

// Extract (`prefilled`: the request pre-filled an opening fence), build the program, run it in the sandbox, and map the result to case-record fields.
export async function scoreCodeResponse(
  sandbox: Sandbox,
  problem: HumanEvalProblem | MbppProblem,
  response: string,
  options: { prefilled?: boolean; limits?: Partial<SandboxLimits> } = {},
): Promise<CodeScore> {
  const extracted = extractCode(response, { entryPoint: problem.entryPoint, prefilled: options.prefilled ?? false });
  if (extracted === null) return { extracted, program: null, result: null, fields: toCodeCaseFields(null, null) };
  const program =
    problem.kind === 'humaneval' ? buildHumanEvalProgram(problem, extracted.code) : buildMbppProgram(problem, extracted.code);
  const result = await sandbox.run(options.limits ? { ...program, limits: { ...program.limits, ...options.limits } } : program);
  const fields = toCodeCaseFields(extracted.code, result);
  if ('assembly' in program) fields.detail = { ...fields.detail, assembly: program.assembly };
  return { extracted, program: program.code, result, fields };
}
