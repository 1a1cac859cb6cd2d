import { toJsonValue } from './python-json.ts';
import { formatPyRepr } from './python-repr.ts';
import { isPyDict, type PyValue } from './python-value.ts';

// BFCL's decoded call list `[{name: {arg: value}}]`, the input of its AST checker.

/** One decoded call: the function name as emitted and its arguments (a dict unless the model sent otherwise). */
export interface DecodedCall {
  name: string;
  args: PyValue;
}

/** Outcome of decoding a model response: a call list (possibly empty), or why nothing decodes. */
export type DecodeResult = { ok: true; calls: DecodedCall[] } | { ok: false; error: string };

/** BFCL's is_function_calling_format_output: every call's arguments form a dict (an empty list passes). */
export function isFunctionCallingFormat(calls: readonly DecodedCall[]): boolean {
  return calls.every((call) => isPyDict(call.args));
}

/** BFCL's is_empty_output: nothing decoded counts as "no call" for (ir)relevance. */
export function isEmptyCallList(calls: readonly DecodedCall[]): boolean {
  return calls.length === 0 || !isFunctionCallingFormat(calls);
}

/** Map tool names back to the dataset's names (tools mode replaced dots with underscores). */
export function restoreOriginalNames(calls: readonly DecodedCall[], originalNames: ReadonlyMap<string, string>): DecodedCall[] {
  return calls.map((call) => ({ ...call, name: originalNames.get(call.name) ?? call.name }));
}

/** The call list in BFCL's JSON shape for records (`[{name: {arg: value}}]`; ints as numbers). */
export function toBfclCallList(calls: readonly DecodedCall[]): Record<string, unknown>[] {
  return calls.map((call) => ({ [call.name]: toJsonValue(call.args) }));
}

/** The call list as Python would print it, keeping 5 apart from 5.0 (e.g. `[{'f': {'x': 5.0}}]`). */
export function formatCallList(calls: readonly DecodedCall[]): string {
  return `[${calls.map((call) => `{${formatPyRepr(call.name)}: ${formatPyRepr(call.args)}}`).join(', ')}]`;
}
