// Public surface of HumanEval / MBPP scoring.
export { parseHumanEval, HumanEvalRowSchema, HUMANEVAL_SIZE } from '../humaneval/reader.ts';
export type { HumanEvalProblem, HumanEvalRow } from '../humaneval/reader.ts';
export { parseMbpp, findMbppEntryPoint, MbppRowSchema, SanitizedMbppRowSchema } from '../mbpp/reader.ts';
export type { MbppProblem, MbppSplit } from '../mbpp/reader.ts';
export { extractCode, definesFunction } from '../../scorers/python-tests/extract-code.ts';
export type { ExtractedCode, ExtractCodeOptions } from '../../scorers/python-tests/extract-code.ts';
export { assembleHumanEvalCode, buildHumanEvalProgram, promptPreamble } from '../humaneval/program.ts';
export type { HumanEvalAssembly } from '../humaneval/program.ts';
export { buildMbppProgram } from '../mbpp/program.ts';
export { buildHumanEvalMessages, buildMbppMessages, QWEN_CODE_SYSTEM_PROMPT } from './prompts.ts';
export type { ChatMessage, CodePromptOptions } from './prompts.ts';
export { passAtK, meanPassAtK } from '../../scorers/python-tests/pass-at-k.ts';
export type { SampleCount } from '../../scorers/python-tests/pass-at-k.ts';
export { buildGoldResponse, buildWrongResponse } from './simulate-answers.ts';
export { toCodeCaseFields, PASS_AT_1 } from '../../scorers/python-tests/case-fields.ts';
export type { CodeCaseFields } from '../../scorers/python-tests/case-fields.ts';
export { scoreCodeResponse } from './score-response.ts';
export type { CodeScore } from './score-response.ts';
