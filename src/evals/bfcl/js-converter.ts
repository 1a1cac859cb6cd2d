import { BfclCheckerError } from './error-types.ts';
import { pyFloatFromText, pyIntFromText, pyStrip, pyStripChars } from './python-text.ts';
import { createPyDict, type PyValue } from './python-value.ts';

// BFCL's js_type_converter: a JavaScript literal the model wrote as a string becomes a Python value, or stays
// the string. Regexes follow Python's `re` (match() anchors only at the start; `.` excludes only "\n").

/** JavaScript type names BFCL's checker knows (JS_TYPE_CONVERSION keys). */
export const JAVASCRIPT_TYPES = ['String', 'integer', 'float', 'Bigint', 'Boolean', 'dict', 'array', 'any'] as const;

const INTEGER = /^-?[0-9]+\n?$/u;
const FLOAT = /^-?[0-9]+(\.[0-9]+)?\n?$/u;
const BIGINT = /^-?[0-9]+n\n?$/u;
const ARRAY_2D = /^(?:\[\s*\[[^\n]*?\]\s*(,\s*\[[^\n]*?\]\s*)*\]|\bnew\s+Array\(\s*\[[^\n]*?\]\s*(,\s*\[[^\n]*?\]\s*)*\))/u;
const INNER_ARRAY = /\[([^\n]*?)\]/gu;
const ARRAY_1D = /^(?:\[([^\n]*?)\]|\bnew\s+Array\(([^\n]*?)\))/u;
const DICT = /^\{([^\n]*?)\}/u;
const DICT_PAIR = /([^:]+):\s*([^\n]*?)(?:,\s*(?=[^,]+:)|\n?$)/gu;

// A conversion error inside parse_js_collection: BFCL catches it and keeps the text.
class KeepText extends Error {}

/** BFCL's parse_js_value: true/false, a quoted string, an int, a float, else the text. */
export function parseJsValue(text: string): PyValue {
  const value = pyStrip(text);
  if (value === 'true') return true;
  if (value === 'false') return false;
  if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) return value.slice(1, -1);
  return pyIntFromText(value) ?? pyFloatFromText(value) ?? value;
}

// Split a 1-D array's inner text into elements (BFCL: str.split(",") unless empty).
function splitElements(inner: string): string[] {
  const body = pyStrip(inner);
  return body ? body.split(',') : [];
}

function parseArray(code: string, nestedType: string | undefined): PyValue {
  try {
    const twoD = ARRAY_2D.exec(code);
    if (twoD) {
      return [...twoD[0].matchAll(INNER_ARRAY)].map((match, index) => {
        let inner = pyStrip(match[1]!);
        if (index === 0 && inner.startsWith('[')) inner = inner.slice(1);
        return inner.split(',').map((element) => parseJsValue(pyStrip(element)));
      });
    }
    const oneD = ARRAY_1D.exec(code);
    if (!oneD) return code;
    const elements = splitElements(oneD[1] ?? oneD[2] ?? '');
    if (!nestedType) return elements.map((element) => parseJsValue(pyStrip(element)));
    return elements.map((element) => {
      const text = pyStrip(element);
      const quoted = text.startsWith("'") || text.startsWith('"');
      return convertJsValueOrThrow(text, nestedType, quoted ? 'String' : undefined);
    });
  } catch (error) {
    if (error instanceof KeepText) return code;
    throw error;
  }
}

function parseDict(code: string): PyValue {
  if (code === '{}') return createPyDict();
  const match = DICT.exec(code);
  if (!match) return code;
  const dict = createPyDict();
  for (const pair of match[1]!.matchAll(DICT_PAIR)) {
    const key = pyStripChars(pyStrip(pair[1]!), '\'"');
    const value = pyStrip(pair[2]!);
    if (value.startsWith('[') && value.endsWith(']')) dict[key] = parseJsCollection(value, 'array');
    else if (value.startsWith('{') && value.endsWith('}')) dict[key] = parseJsCollection(value, 'dict');
    else dict[key] = parseJsValue(pyStripChars(value, '\'"'));
  }
  return dict;
}

/** BFCL's parse_js_collection: an array (`[...]`, `new Array(...)`, 2-D) or an object literal; else the text. */
export function parseJsCollection(text: string, type: 'array' | 'dict', nestedType?: string): PyValue {
  const code = pyStrip(text);
  return type === 'array' ? parseArray(code, nestedType) : parseDict(code);
}

// js_type_converter proper; an unknown type raises (caught by parse_js_collection when nested).
function convertJsValueOrThrow(text: string, type: string, nestedType?: string): PyValue {
  switch (type) {
    case 'String':
      if ((text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'"))) return text.slice(1, -1);
      return text;
    case 'integer':
      return INTEGER.test(text) ? pyIntFromText(text)! : text;
    case 'float':
      return FLOAT.test(text) ? pyFloatFromText(text)! : text;
    case 'Bigint': {
      if (!BIGINT.test(text)) return text;
      const value = pyIntFromText(text.slice(0, -1));
      if (value === undefined) throw new KeepText(`int(${JSON.stringify(text.slice(0, -1))}) fails`);
      return value;
    }
    case 'Boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'dict':
      return parseJsCollection(text, 'dict', nestedType);
    case 'array':
      return parseJsCollection(text, 'array', nestedType);
    case 'any':
      return text;
    default:
      throw new KeepText(`Unsupported type: ${type}`);
  }
}

/**
 * BFCL's js_type_converter: convert the model's string for a parameter of JavaScript type `type`
 * (`nestedType` is the element type of an array). Unparseable text comes back unchanged.
 * @example convertJsValue('[1, 2]', 'array', 'integer') // [1n, 2n]
 */
export function convertJsValue(text: string, type: string, nestedType?: string): PyValue {
  try {
    return convertJsValueOrThrow(text, type, nestedType);
  } catch (error) {
    if (!(error instanceof KeepText)) throw error;
    throw new BfclCheckerError(
      `BFCL's JavaScript converter fails on ${JSON.stringify(text)} as "${type}" (${error.message}; BFCL raises here too); the doc or the output is outside what the checker can score.`,
    );
  }
}
