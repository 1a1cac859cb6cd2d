import { checkKindOf, languageOf } from './categories.ts';
import type { ToolMessageLike } from './decode-tool-calls.ts';
import { findFunctionDoc, type FunctionDoc, type ParamDoc } from './function-doc.ts';
import { formatPythonJson } from './python-json.ts';
import { createPyDict, isPyDict, pyContains, type PyDict, type PyValue } from './python-value.ts';
import type { BfclCase, ExpectedCall } from './read-dataset.ts';
import { javaLiteral, jsLiteral } from './source-literals.ts';
import { toToolName } from './tools-request.ts';

// Responses built from a case's own possible answer, for the pipeline self-check (EVAL_SIMULATE=gold must
// score 100%, wrong 0%): the first allowed value of each parameter; Java/JavaScript values written as the
// literals BFCL's converters read back.

/** A gold or wrong response in both modes. */
export interface SelfCheckResponse {
  /** Chat message for tools mode (underscored names). */
  tools: ToolMessageLike;
  /** Completion text for Qwen prompt mode. */
  text: string;
}

// The first allowed value that is not the "may be omitted" marker.
function firstAllowed(allowed: PyValue): PyValue | undefined {
  return Array.isArray(allowed) ? allowed.find((value) => value !== '') : undefined;
}

// An allowed dict (key -> allowed values) as one concrete dict.
function concreteDict(allowed: PyDict): PyDict {
  const dict = createPyDict();
  for (const [key, values] of Object.entries(allowed)) {
    const value = firstAllowed(values);
    if (value !== undefined) dict[key] = value;
  }
  return dict;
}

// One allowed value as the value to send: dict answers (and lists of them) collapse to concrete dicts.
function concreteValue(value: PyValue, details: ParamDoc | undefined): PyValue {
  if (isPyDict(value)) return concreteDict(value);
  if (Array.isArray(value) && details?.items?.type === 'dict') return value.map((item) => (isPyDict(item) ? concreteDict(item) : item));
  return value;
}

// The arguments of one gold call. An optional answer parameter the doc lacks is left out (sending it is
// "unexpected"); a required one allowed only "" gets "" (omitting it is "missing").
function goldArguments(doc: FunctionDoc | undefined, expected: ExpectedCall, language: ReturnType<typeof languageOf>): PyDict {
  const args = createPyDict();
  const properties = doc?.parameters.properties ?? {};
  for (const [param, allowed] of Object.entries(expected.params)) {
    const optional = pyContains(allowed, '') === true;
    if (optional && !Object.hasOwn(properties, param)) continue;
    const first = firstAllowed(allowed);
    if (first === undefined) {
      if (optional && doc?.parameters.required.includes(param)) args[param] = '';
      continue;
    }
    const details = properties[param];
    const value = concreteValue(first, details);
    if (language === 'java') args[param] = javaLiteral(value, details?.type, details?.items?.type);
    else if (language === 'javascript') args[param] = jsLiteral(value, details?.type, details?.items?.type);
    else args[param] = value;
  }
  return args;
}

// Tool message and Qwen text for a list of named argument dicts.
function respond(calls: { name: string; args: PyDict }[], textWithoutCalls: string): SelfCheckResponse {
  if (calls.length === 0) return { tools: { content: textWithoutCalls, tool_calls: [] }, text: textWithoutCalls };
  return {
    tools: {
      content: null,
      tool_calls: calls.map((call) => ({ function: { name: toToolName(call.name), arguments: formatPythonJson(call.args) } })),
    },
    text: calls
      .map((call) => `<tool_call>\n{"name": "${call.name}", "arguments": ${formatPythonJson(call.args)}}\n</tool_call>`)
      .join('\n'),
  };
}

const NO_CALL_TEXT = 'None of the available functions fits this request.';

// Any call decodes for (ir)relevance; four live_irrelevance questions offer no function at all.
const anyCallName = (testCase: BfclCase) => testCase.functions[0]?.name ?? 'any_function';

/**
 * The response BFCL scores as correct: the possible answer's first allowed values, in the answer's order
 * (BFCL's parallel matching is greedy, so another order can fail), no call for irrelevance, any call for relevance.
 */
export function buildGoldResponse(testCase: BfclCase): SelfCheckResponse {
  const kind = checkKindOf(testCase.category);
  if (kind === 'irrelevance') return respond([], NO_CALL_TEXT);
  if (kind === 'relevance') return respond([{ name: anyCallName(testCase), args: createPyDict() }], NO_CALL_TEXT);
  const language = languageOf(testCase.category);
  const calls = (testCase.answer ?? []).map((expected) => ({
    name: expected.name,
    args: goldArguments(findFunctionDoc(testCase.functions, expected.name), expected, language),
  }));
  return respond(calls, NO_CALL_TEXT);
}

/** The response BFCL scores as wrong: no call where one is expected, a call where none is. */
export function buildWrongResponse(testCase: BfclCase): SelfCheckResponse {
  if (checkKindOf(testCase.category) === 'irrelevance')
    return respond([{ name: anyCallName(testCase), args: createPyDict() }], NO_CALL_TEXT);
  return respond([], NO_CALL_TEXT);
}

/**
 * Questions whose possible answer no response can satisfy under BFCL's checker (BFCL v4 data at the pinned
 * commit); the gold self-check scores them wrong, as BFCL would.
 */
export const BFCL_UNSATISFIABLE_IDS: Readonly<Record<string, string>> = {
  simple_java_36: 'ArrayList<any> elements stay strings, but the answer expects 42 and true',
  simple_java_65: 'ArrayList<any> elements stay strings, but the answer expects true',
  'live_simple_106-63-0': 'required auto_loan_payment_start and bank_hours_start have no allowed value ([])',
  'live_simple_112-68-0': 'five required parameters have no allowed value ([])',
  'live_multiple_862-181-3': 'the answer requires journey_start_time, which the doc does not declare',
  'live_multiple_964-207-0': 'the answer names question, not the required statement',
};
