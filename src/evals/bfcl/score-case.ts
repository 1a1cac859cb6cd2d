import { z } from 'zod';
import { checkAst } from './ast-check.ts';
import { checkKindOf, languageOf } from './categories.ts';
import { decodeQwenText } from './decode-qwen-text.ts';
import { decodeToolCalls, isToolParserFailure, type ToolMessageLike } from './decode-tool-calls.ts';
import { isEmptyCallList, isFunctionCallingFormat, type DecodeResult, type DecodedCall } from './decoded-call.ts';
import { BfclCheckerError, CHECKER_ERROR_TYPE, type BfclFailureType, type CheckResult } from './error-types.ts';
import type { BfclCase } from './read-dataset.ts';

// One case from model response to verdict, as BFCL's eval runner does it: decode, format check, then the
// AST checker, or for (ir)relevance only "did a call decode". A failed server-side parser is its own verdict.

/** Which way the model was asked; scores from different modes are not comparable. */
export const BfclModeSchema = z.enum(['tools', 'qwen_text']);
/** `tools`: OpenAI tools API through vLLM's parser. `qwen_text`: BFCL's Qwen prompt on raw completions. */
export type BfclMode = z.infer<typeof BfclModeSchema>;

/** `parser_failed`: the server's tool parser failed; neither correct nor a model failure. */
export type BfclVerdict = 'correct' | 'wrong' | 'parser_failed';

/** The verdict on one case, with BFCL's failure category. */
export interface BfclCaseScore {
  verdict: BfclVerdict;
  /** BFCL's error_type when wrong, else null. */
  errorType: BfclFailureType | null;
  /** Why, in BFCL's words where it has them. */
  errors: string[];
  /** The decoded call list, or null when nothing decoded. */
  calls: DecodedCall[] | null;
}

const correct = (calls: DecodedCall[] | null): BfclCaseScore => ({ verdict: 'correct', errorType: null, errors: [], calls });
const wrong = (errorType: BfclFailureType, errors: string[], calls: DecodedCall[] | null): BfclCaseScore => ({
  verdict: 'wrong',
  errorType,
  errors,
  calls,
});

// The AST checker, with BFCL's own crashes turned into a failed case instead of a stopped run.
function runAstCheck(testCase: BfclCase, calls: DecodedCall[], underscoreNames: boolean): CheckResult {
  try {
    return checkAst(testCase.category, testCase.functions, calls, testCase.answer ?? [], {
      language: languageOf(testCase.category),
      underscoreNames,
    });
  } catch (error) {
    if (error instanceof BfclCheckerError) return { valid: false, errorType: CHECKER_ERROR_TYPE, errors: [error.message] };
    throw error;
  }
}

/**
 * Score a decoded response (BFCL's eval runner). In `tools` mode the model saw dotted names with
 * underscores, so expected names are compared in that form.
 */
export function scoreDecoded(testCase: BfclCase, decoded: DecodeResult, mode: BfclMode): BfclCaseScore {
  const calls = decoded.ok ? decoded.calls : null;
  const kind = checkKindOf(testCase.category);
  if (kind !== 'ast') {
    const hasCall = calls !== null && !isEmptyCallList(calls);
    if (kind === 'irrelevance') {
      return hasCall
        ? wrong('irrelevance_error:decoder_success', ['Valid syntax. Successfully decoded a call when none was expected.'], calls)
        : correct(calls);
    }
    return hasCall ? correct(calls) : wrong('relevance_error:decoder_failed', [decoded.ok ? 'No call decoded.' : decoded.error], calls);
  }
  if (!decoded.ok) return wrong('ast_decoder:decoder_failed', [`Invalid syntax. Failed to decode AST. ${decoded.error}`], null);
  if (!isFunctionCallingFormat(decoded.calls)) {
    return wrong('ast_decoder:decoder_wrong_output_format', ['Did not output in the specified format.'], decoded.calls);
  }
  if (testCase.answer === null) throw new BfclCheckerError(`Case ${testCase.id} (${testCase.category}) needs its possible answer.`);
  const result = runAstCheck(testCase, decoded.calls, mode === 'tools');
  return result.valid ? correct(decoded.calls) : wrong(result.errorType, result.errors, decoded.calls);
}

/**
 * Score a chat message from tools mode (names compared in their underscored form). A message whose text
 * holds `<tool_call>` but no tool calls is `parser_failed`.
 */
export function scoreToolsResponse(testCase: BfclCase, message: ToolMessageLike): BfclCaseScore {
  if (isToolParserFailure(message)) {
    return {
      verdict: 'parser_failed',
      errorType: null,
      errors: ["The server's tool parser left a <tool_call> in the text; start vLLM with a working --tool-call-parser."],
      calls: null,
    };
  }
  return scoreDecoded(testCase, decodeToolCalls(message), 'tools');
}

/** Score a raw completion from Qwen prompt mode (names as in the docs). */
export function scoreQwenText(testCase: BfclCase, text: string): BfclCaseScore {
  return scoreDecoded(testCase, decodeQwenText(text), 'qwen_text');
}
