// Public surface of HumanEval / MBPP scoring.
export { parseHumanEval, HumanEvalRowSchema, HUMANEVAL_SIZE } from './humaneval-dataset.ts';
export type { HumanEvalProblem, HumanEvalRow } from './humaneval-dataset.ts';
export { parseMbpp, findMbppEntryPoint, MbppRowSchema, SanitizedMbppRowSchema } from './mbpp-dataset.ts';
export type { MbppProblem, MbppSplit } from './mbpp-dataset.ts';
export { extractCode, definesFunction } from './extract-code.ts';
export type { ExtractedCode, ExtractCodeOptions } from './extract-code.ts';
export { assembleHumanEvalCode, buildHumanEvalProgram, promptPreamble } from './humaneval-program.ts';
export type { HumanEvalAssembly } from './humaneval-program.ts';
export { buildMbppProgram } from './mbpp-program.ts';
export { buildHumanEvalMessages, buildMbppMessages, QWEN_CODE_SYSTEM_PROMPT } from './prompts.ts';
export type { ChatMessage, CodePromptOptions } from './prompts.ts';
export { passAtK, meanPassAtK } from './pass-at-k.ts';
export type { SampleCount } from './pass-at-k.ts';
export { buildGoldResponse, buildWrongResponse } from './self-check.ts';
export { toCodeCaseFields, PASS_AT_1 } from './case-fields.ts';
export type { CodeCaseFields } from './case-fields.ts';
export { scoreCodeResponse } from './score-response.ts';
export type { CodeScore } from './score-response.ts';
