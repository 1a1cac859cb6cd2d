import { DatasetError } from '../../shared/errors.ts';
import type { BfclCategory } from './categories.ts';
import { functionDocAsPy, type FunctionDoc } from './function-doc.ts';
import { withLanguageHints } from './language-hints.ts';
import { toJsonValue } from './python-json.ts';
import { clonePyValue, isPyDict, type PyDict } from './python-value.ts';
import type { BfclEntry, BfclMessage } from './read-dataset.ts';

// Mode 1, the OpenAI `tools` API: BFCL's convert_to_tool for FC models. BFCL types become JSON Schema types,
// floats are flagged in the description, and dots in names become underscores (OpenAI's name pattern is
// ^[a-zA-Z0-9_-]{1,64}$), with a map back to the dataset's names.

/** BFCL type -> JSON Schema type (BFCL's GORILLA_TO_OPENAPI); unknown types become `string`. */
export const BFCL_TO_JSON_SCHEMA_TYPE: Readonly<Record<string, string>> = {
  integer: 'integer',
  number: 'number',
  float: 'number',
  string: 'string',
  boolean: 'boolean',
  bool: 'boolean',
  array: 'array',
  list: 'array',
  dict: 'object',
  object: 'object',
  tuple: 'array',
  any: 'string',
  byte: 'integer',
  short: 'integer',
  long: 'integer',
  double: 'number',
  char: 'string',
  ArrayList: 'array',
  Array: 'array',
  HashMap: 'object',
  Hashtable: 'object',
  Queue: 'array',
  Stack: 'array',
  Any: 'string',
  String: 'string',
  Bigint: 'integer',
};

/** One entry of the request's `tools` array (JSON-safe). */
export interface ChatTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown>; [key: string]: unknown };
}

/** What to send for one BFCL question in tools mode. */
export interface ToolsRequest {
  /** The question's first turn, unchanged (BFCL adds no system prompt for FC models). */
  messages: BfclMessage[];
  /** Function docs as OpenAI tools, after BFCL's language pre-processing; empty when the question offers none (then send no `tools`: vLLM rejects `[]` with 400). */
  tools: ChatTool[];
  /** Tool name sent -> name in the dataset (only names that changed). */
  originalNames: Map<string, string>;
}

/** The tool name BFCL sends for a function: dots become underscores. */
export function toToolName(name: string): string {
  return name.replaceAll('.', '_');
}

// Map an `items` type, failing loudly where BFCL's own lookup would raise.
function mapItemsType(type: unknown, where: string): string {
  const mapped = typeof type === 'string' ? BFCL_TO_JSON_SCHEMA_TYPE[type] : undefined;
  if (mapped === undefined) {
    throw new DatasetError(
      'EVAL_DATASET_UNAVAILABLE',
      `BFCL doc ${where}: items type ${JSON.stringify(type)} has no JSON Schema equivalent.`,
    );
  }
  return mapped;
}

// BFCL's _cast_to_openai_type, in place: top-level params, object properties, list items one level down.
function castToJsonSchemaTypes(properties: PyDict, where: string): void {
  for (const [key, param] of Object.entries(properties)) {
    if (!isPyDict(param)) continue;
    if (param.type === undefined) {
      param.type = 'string';
    } else {
      const type = String(param.type);
      if (type === 'float') {
        param.format = 'float';
        param.description = `${typeof param.description === 'string' ? param.description : ''} This is a float type value.`;
      }
      param.type = BFCL_TO_JSON_SCHEMA_TYPE[type] ?? 'string';
    }
    if (param.type !== 'array' && param.type !== 'object') continue;
    if (isPyDict(param.properties)) {
      castToJsonSchemaTypes(param.properties, `${where}.${key}`);
    } else if (isPyDict(param.items)) {
      const items = param.items;
      items.type = mapItemsType(items.type, `${where}.${key}`);
      if (items.type === 'array' && isPyDict(items.items)) {
        items.items.type = mapItemsType(items.items.type, `${where}.${key}.items`);
      } else if (items.type === 'object' && isPyDict(items.properties)) {
        castToJsonSchemaTypes(items.properties, `${where}.${key}.items`);
      }
    }
  }
}

/** One function doc (already language-processed) as an OpenAI tool. */
export function toChatTool(doc: FunctionDoc): ChatTool {
  const copy = clonePyValue(functionDocAsPy(doc));
  copy.name = toToolName(doc.name);
  const parameters = copy.parameters as PyDict;
  parameters.type = 'object';
  castToJsonSchemaTypes(parameters.properties as PyDict, doc.name);
  return { type: 'function', function: toJsonValue(copy) as ChatTool['function'] };
}

/**
 * The tools-mode request for one BFCL question: messages, tools, and the map from tool names back to
 * the dataset's names (apply it to decoded calls with {@link restoreOriginalNames}).
 */
export function buildToolsRequest(entry: BfclEntry, category: BfclCategory = entry.category): ToolsRequest {
  const functions = withLanguageHints(entry.functions, category);
  const originalNames = new Map<string, string>();
  for (const doc of entry.functions) {
    if (toToolName(doc.name) !== doc.name) originalNames.set(toToolName(doc.name), doc.name);
  }
  return {
    messages: entry.turns[0]!.map((message) => ({ ...message })),
    tools: functions.map(toChatTool),
    originalNames,
  };
}
