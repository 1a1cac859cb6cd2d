// BFCL (function calling): dataset readers and pins, request builders for the two modes, decoders,
// BFCL's AST checker and its summaries. See README.md in this folder.
export { formatPythonJson, parsePythonJson, toJsonValue } from './python-json.ts';
export { formatPyFloat, formatPyRepr } from './python-repr.ts';
export { pyEquals, pyTypeName, type PyDict, type PyTypeName, type PyValue } from './python-value.ts';
