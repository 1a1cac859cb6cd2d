import { ScorerError } from '../../shared/errors.ts';

// BFCL's failure categories (`error_type` in its score files), plus one of ours for the inputs on which
// BFCL's own checker raises instead of returning a verdict.

/** Every `error_type` BFCL's single-turn evaluation writes. */
export const BFCL_ERROR_TYPES = [
  'ast_decoder:decoder_failed',
  'ast_decoder:decoder_wrong_output_format',
  'simple_function_checker:wrong_count',
  'simple_function_checker:wrong_func_name',
  'simple_function_checker:missing_required',
  'simple_function_checker:unexpected_param',
  'simple_function_checker:missing_optional',
  'multiple_function_checker:wrong_count',
  'parallel_function_checker_no_order:wrong_count',
  'parallel_function_checker_no_order:cannot_find_match',
  'type_error:simple',
  'type_error:nested',
  'type_error:java',
  'type_error:js',
  'value_error:string',
  'value_error:list/tuple',
  'value_error:dict_key',
  'value_error:dict_value',
  'value_error:list_dict_count',
  'value_error:others',
  'dict_checker:unclear',
  'list_dict_checker:unclear',
  'irrelevance_error:decoder_success',
  'relevance_error:decoder_failed',
] as const;

/** A BFCL failure category, e.g. `simple_function_checker:wrong_count`. */
export type BfclErrorType = (typeof BFCL_ERROR_TYPES)[number];

/** Ours: BFCL's checker would raise on this input (its run would stop); the case is scored as failed. */
export const CHECKER_ERROR_TYPE = 'checker_error:bfcl_raises';

/** Failure category of a scored case. */
export type BfclFailureType = BfclErrorType | typeof CHECKER_ERROR_TYPE;

/** Outcome of the AST checker on one case. */
export type CheckResult = { valid: true } | { valid: false; errorType: BfclFailureType; errors: string[] };

/** Raised where BFCL's checker raises (unknown type names, unreadable literals, malformed answers). */
export class BfclCheckerError extends ScorerError {}

/** A failed check. */
export function failCheck(errorType: BfclFailureType, ...errors: string[]): CheckResult {
  return { valid: false, errorType, errors };
}
