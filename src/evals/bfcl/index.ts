// BFCL (function calling): dataset readers and pins, request builders for the two modes, decoders,
// BFCL's AST checker and its summaries. See README.md in this folder.
export {
  aggregateBfcl,
  summarizeBfcl,
  BFCL_OVERALL_WEIGHTS,
  type BfclScoreReport,
  type BfclSummary,
  type CategoryScore,
} from './aggregate.ts';
export { checkAst, checkMultipleCall, checkParallelCalls } from './ast-check.ts';
export {
  BFCL_CATEGORIES,
  BfclCategorySchema,
  categoryOfId,
  checkKindOf,
  isLiveCategory,
  languageOf,
  type BfclCategory,
  type BfclCheckKind,
  type BfclLanguage,
} from './categories.ts';
export { decodeQwenText, stripReasoning } from './decode-qwen-text.ts';
export { decodeToolCalls, isToolParserFailure, type ToolCallLike, type ToolMessageLike } from './decode-tool-calls.ts';
export {
  formatCallList,
  isEmptyCallList,
  isFunctionCallingFormat,
  restoreOriginalNames,
  toBfclCallList,
  type DecodeResult,
  type DecodedCall,
} from './decoded-call.ts';
export {
  BFCL_ERROR_TYPES,
  BfclCheckerError,
  CHECKER_ERROR_TYPE,
  type BfclErrorType,
  type BfclFailureType,
  type CheckResult,
} from './error-types.ts';
export { checkFunctionCall, type CheckOptions } from './function-check.ts';
export { FunctionDocSchema, type FunctionDoc, type ParamDoc } from './function-doc.ts';
export { convertJavaValue } from './java-converter.ts';
export { convertJsValue } from './js-converter.ts';
export { withLanguageHints } from './language-hints.ts';
export { answerPinId, BFCL_DATASET_PINS, categorySize, questionPinId, type BfclPinId } from './pins.ts';
export { formatPythonJson, parsePythonJson, toJsonValue } from './python-json.ts';
export { formatPyFloat, formatPyRepr } from './python-repr.ts';
export { pyEquals, pyTypeName, type PyDict, type PyTypeName, type PyValue } from './python-value.ts';
export { BFCL_MAX_OUTPUT_TOKENS, buildQwenPrompt, renderQwenPrompt, type QwenHistoryMessage } from './qwen-prompt.ts';
export {
  joinBfclAnswers,
  readBfclAnswers,
  readBfclEntries,
  type BfclAnswer,
  type BfclCase,
  type BfclEntry,
  type BfclMessage,
  type ExpectedCall,
} from './read-dataset.ts';
export {
  BfclModeSchema,
  scoreDecoded,
  scoreQwenText,
  scoreToolsResponse,
  type BfclCaseScore,
  type BfclMode,
  type BfclVerdict,
} from './score-case.ts';
export { BFCL_TO_JSON_SCHEMA_TYPE, buildToolsRequest, toChatTool, toToolName, type ChatTool, type ToolsRequest } from './tools-request.ts';
export { BFCL_UNSATISFIABLE_IDS, buildGoldResponse, buildWrongResponse, type SelfCheckResponse } from './self-check.ts';
