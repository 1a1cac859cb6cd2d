import type { BfclCategory } from './categories.ts';
import type { DecodedCall } from './decoded-call.ts';
import { BfclCheckerError, failCheck, type CheckResult } from './error-types.ts';
import { checkFunctionCall, type CheckOptions } from './function-check.ts';
import { findFunctionDoc, type FunctionDoc } from './function-doc.ts';
import type { ExpectedCall } from './read-dataset.ts';

// BFCL's ast_checker: which checker a category gets, the call-count rules, and the order-free matching
// of parallel calls.

// The doc of an expected function; BFCL raises when the answer names a function the question lacks.
function docFor(functions: readonly FunctionDoc[], name: string): FunctionDoc {
  const doc = findFunctionDoc(functions, name);
  if (!doc) throw new BfclCheckerError(`The possible answer calls ${name}, which the question's docs do not define.`);
  return doc;
}

/**
 * BFCL's parallel_function_checker_no_order: as many calls as expected; each expected call, in order, takes
 * the first still-unmatched model call that passes the function checker.
 */
export function checkParallelCalls(
  functions: readonly FunctionDoc[],
  calls: readonly DecodedCall[],
  expected: readonly ExpectedCall[],
  options: CheckOptions,
): CheckResult {
  if (calls.length !== expected.length) {
    return failCheck('parallel_function_checker_no_order:wrong_count', 'Wrong number of functions.');
  }
  const matched = new Set<number>();
  for (const [expectedIndex, expectedCall] of expected.entries()) {
    const doc = docFor(functions, expectedCall.name);
    const errors: string[] = [];
    let found = false;
    for (const [index, call] of calls.entries()) {
      if (matched.has(index)) continue;
      const result = checkFunctionCall(doc, call, expectedCall, options);
      if (result.valid) {
        matched.add(index);
        found = true;
        break;
      }
      errors.push(`Model result index ${index}: ${result.errorType}: ${result.errors.join(' ')}`);
    }
    if (!found) {
      const considered = calls.map((_, index) => index).filter((index) => !matched.has(index));
      return failCheck(
        'parallel_function_checker_no_order:cannot_find_match',
        `Could not find a matching function among index [${considered.join(', ')}] of model output for index ${expectedIndex} of possible answers.`,
        ...errors,
      );
    }
  }
  return { valid: true };
}

/** BFCL's multiple_function_checker: exactly one call, checked against the one expected call's doc. */
export function checkMultipleCall(
  functions: readonly FunctionDoc[],
  calls: readonly DecodedCall[],
  expected: readonly ExpectedCall[],
  options: CheckOptions,
): CheckResult {
  if (calls.length !== expected.length) return failCheck('multiple_function_checker:wrong_count', 'Wrong number of functions.');
  const expectedCall = expected[0]!;
  return checkFunctionCall(docFor(functions, expectedCall.name), calls[0]!, expectedCall, options);
}

/**
 * BFCL's ast_checker for one decoded call list. Categories with "parallel" in the name match order-free,
 * "multiple" pick the doc of the expected function, the rest (simple) take the first doc and need one call.
 */
export function checkAst(
  category: BfclCategory,
  functions: readonly FunctionDoc[],
  calls: readonly DecodedCall[],
  expected: readonly ExpectedCall[],
  options: CheckOptions,
): CheckResult {
  if (category.includes('parallel')) return checkParallelCalls(functions, calls, expected, options);
  if (category.includes('multiple')) return checkMultipleCall(functions, calls, expected, options);
  if (calls.length !== 1) return failCheck('simple_function_checker:wrong_count', 'Wrong number of functions.');
  const doc = functions[0];
  const expectedCall = expected[0];
  if (!doc || !expectedCall) throw new BfclCheckerError(`A ${category} question needs one function doc and one expected call.`);
  return checkFunctionCall(doc, calls[0]!, expectedCall, options);
}
