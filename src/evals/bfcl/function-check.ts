import type { BfclLanguage } from './categories.ts';
import type { DecodedCall } from './decoded-call.ts';
import { BfclCheckerError, failCheck, type CheckResult } from './error-types.ts';
import type { FunctionDoc, ParamDoc } from './function-doc.ts';
import { convertJavaValue } from './java-converter.ts';
import { convertJsValue } from './js-converter.ts';
import { formatPyRepr } from './python-repr.ts';
import { isPyDict, pyContains, pyTypeName, type PyValue } from './python-value.ts';
import type { ExpectedCall } from './read-dataset.ts';
import { toToolName } from './tools-request.ts';
import { checkType, mapDeclaredType, type CheckedType } from './type-check.ts';
import { checkDict, checkList, checkListOfDicts, checkString } from './value-checks.ts';

// BFCL's simple_function_checker: one decoded call against one expected call, in BFCL's order of checks
// (name, required params, then per emitted param: known, typed, valued; finally omitted params optional).

/** How the checker reads names and values. */
export interface CheckOptions {
  /** Language of the docs: Java/JavaScript values are strings converted before checking. */
  language: BfclLanguage;
  /** The model saw tool names with dots replaced by underscores (tools mode); expected names are converted alike. */
  underscoreNames: boolean;
}

// Types whose string value holds a collection literal with typed elements.
const COLLECTION_TYPES = new Set(['Array', 'ArrayList', 'array']);

interface PreparedValue {
  value: PyValue;
  expected: CheckedType;
  nested: CheckedType | null;
}

// Element type of a collection parameter; BFCL raises when the doc has none.
function itemsTypeOf(details: ParamDoc, param: string): string {
  const type = details.items?.type;
  if (type === undefined)
    throw new BfclCheckerError(`Parameter ${formatPyRepr(param)} is a collection without an items type (BFCL raises KeyError).`);
  return type;
}

// Map the declared type and, for Java/JavaScript, convert the string value; a CheckResult on a type error.
function prepareValue(param: string, value: PyValue, details: ParamDoc, language: BfclLanguage): PreparedValue | CheckResult {
  const declared = details.type;
  const expected = mapDeclaredType(language, declared);
  if (language === 'python') {
    const nested = declared === 'array' || declared === 'tuple' ? mapDeclaredType(language, itemsTypeOf(details, param)) : null;
    // Python's only implicit coercion: an int where the doc says float.
    const coerced = declared === 'float' && typeof value === 'bigint' ? Number(value) : value;
    return { value: coerced, expected, nested };
  }
  if (typeof value !== 'string') {
    return failCheck(
      language === 'java' ? 'type_error:java' : 'type_error:js',
      `Incorrect type for parameter ${formatPyRepr(param)}. Expected type String, got ${pyTypeName(value)}. Parameter value: ${formatPyRepr(value)}.`,
    );
  }
  const convert = language === 'java' ? convertJavaValue : convertJsValue;
  if (COLLECTION_TYPES.has(declared!)) {
    const itemsType = itemsTypeOf(details, param);
    return { value: convert(value, declared!, itemsType), expected, nested: mapDeclaredType(language, itemsType) };
  }
  return { value: convert(value, declared!), expected, nested: null };
}

// Value check of one typed parameter: dict, list of dicts, str, list by their checkers, else Python `in`.
function checkValue(param: string, prepared: PreparedValue, possible: readonly PyValue[], isVariable: boolean): CheckResult {
  const { value, expected, nested } = prepared;
  if (!isVariable) {
    if (expected === 'dict' && isPyDict(value)) return checkDict(param, value, possible);
    if (expected === 'list' && nested === 'dict' && Array.isArray(value)) return checkListOfDicts(param, value, possible);
    if (expected === 'str' && typeof value === 'string') return checkString(param, value, possible);
    if (expected === 'list' && Array.isArray(value)) return checkList(param, value, possible);
  }
  if (pyContains([...possible], value) === true) return { valid: true };
  return failCheck(
    'value_error:others',
    `Invalid value for parameter ${formatPyRepr(param)}: ${formatPyRepr(value)}. Expected one of ${formatPyRepr([...possible])}.`,
  );
}

/**
 * BFCL's simple_function_checker. The doc gives the name and types, the expected call the allowed values;
 * `call.args` must be a dict (decoders' format check comes first).
 */
export function checkFunctionCall(doc: FunctionDoc, call: DecodedCall, expected: ExpectedCall, options: CheckOptions): CheckResult {
  const name = options.underscoreNames ? toToolName(doc.name) : doc.name;
  if (call.name !== name) {
    return failCheck('simple_function_checker:wrong_func_name', `Function name ${formatPyRepr(name)} not found in model output.`);
  }
  const args = call.args;
  if (!isPyDict(args)) throw new BfclCheckerError(`Arguments of ${call.name} are not a dict; decode with the format check first.`);
  const properties = doc.parameters.properties;
  const answers = expected.params;
  for (const param of doc.parameters.required) {
    if (!Object.hasOwn(args, param)) {
      return failCheck('simple_function_checker:missing_required', `Missing required parameter: ${formatPyRepr(param)}.`);
    }
  }
  for (const [param, raw] of Object.entries(args)) {
    if (!Object.hasOwn(properties, param) || !Object.hasOwn(answers, param)) {
      return failCheck('simple_function_checker:unexpected_param', `Unexpected parameter: ${formatPyRepr(param)}.`);
    }
    const possible = answers[param] as PyValue[];
    const prepared = prepareValue(param, raw, properties[param]!, options.language);
    if ('valid' in prepared) return prepared;
    const typed = checkType(param, prepared.value, possible, String(properties[param]!.type), prepared.expected, prepared.nested);
    if (!typed.valid) return typed;
    const valued = checkValue(param, prepared, possible, typed.isVariable);
    if (!valued.valid) return valued;
  }
  for (const [param, possible] of Object.entries(answers)) {
    if (!Object.hasOwn(args, param) && pyContains(possible, '') !== true) {
      return failCheck(
        'simple_function_checker:missing_optional',
        `Optional parameter ${formatPyRepr(param)} not provided and not marked as optional.`,
      );
    }
  }
  return { valid: true };
}
