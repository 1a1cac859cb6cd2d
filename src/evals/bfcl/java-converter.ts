import { BfclCheckerError } from './error-types.ts';
import { pyFloatFromText, pyIntFromText, pyStrip } from './python-text.ts';
import { createPyDict, type PyValue } from './python-value.ts';

// BFCL's java_type_converter: a Java literal the model wrote as a string becomes a Python value, or stays
// the string when it does not look like the declared type (the type check then fails it).
// Regexes follow Python's `re`: match() anchors only at the start, `$` also matches before a final "\n",
// `.` excludes only "\n", and `\w` is Unicode.

/** Java type names BFCL's checker knows (JAVA_TYPE_CONVERSION keys). */
export const JAVA_TYPES = [
  'byte',
  'short',
  'integer',
  'float',
  'double',
  'long',
  'boolean',
  'char',
  'Array',
  'ArrayList',
  'Set',
  'HashMap',
  'Hashtable',
  'Queue',
  'Stack',
  'String',
  'any',
] as const;

const W = '[\\p{L}\\p{N}_]';
const INTEGER = /^-?[0-9]+\n?$/u;
const FLOAT = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?[fF]\n?$/u;
const DOUBLE = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?\n?$/u;
const LONG = /^-?[0-9]+[lL]\n?$/u;
const FLOAT_SUFFIX = /[fF](?=\n?$)/u;
const LONG_SUFFIX = /[lL](?=\n?$)/u;
const ARRAYLIST_ASLIST = new RegExp(`new\\s+ArrayList<${W}*>\\(Arrays\\.asList\\(([^\\n]+?)\\)\\)`, 'u');
const ARRAYLIST_ADDS = new RegExp(`new\\s+ArrayList<${W}*>\\(\\)\\s*\\{\\{\\s*([\\s\\S]+?)\\s*\\}\\}`, 'u');
const ARRAYLIST_ADD = /add\(([^\n]+?)\)/gu;
const ARRAYLIST_EMPTY = new RegExp(`new\\s+ArrayList<${W}*>\\(\\)`, 'u');
const ARRAY = new RegExp(`new\\s+${W}+\\[\\]\\s*\\{([^\\n]*?)\\}`, 'u');
const HASHMAP = /new\s+HashMap<[\s\S]*?>\s*\(\)\s*\{\s*\{?\s*([\s\S]*?)\s*\}?\s*\}/u;
const HASHMAP_PUT = /put\("([^\n]*?)",\s*([^\n]*?)\)/gu;
const HASHMAP_EMPTY = /new\s+HashMap<[^\n]*?>\s*\(\)/u;

// Python int()/float() of text the regexes already vetted; a failure here is where BFCL itself crashes.
function toInt(text: string): bigint {
  const value = pyIntFromText(text);
  if (value === undefined)
    throw new BfclCheckerError(`BFCL's Java converter cannot read ${JSON.stringify(text)} as an int (BFCL raises here too).`);
  return value;
}

function toFloat(text: string): number {
  const value = pyFloatFromText(text);
  if (value === undefined)
    throw new BfclCheckerError(`BFCL's Java converter cannot read ${JSON.stringify(text)} as a float (BFCL raises here too).`);
  return value;
}

/** BFCL's parse_java_value: a Java literal without type information (boolean, "string", 1L, 1.5f, 1, 1.5). */
export function parseJavaValue(text: string): PyValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1);
  if (LONG.test(text)) return toInt(text.slice(0, -1));
  if (FLOAT.test(text)) return toFloat(text.replace(FLOAT_SUFFIX, ''));
  return pyIntFromText(text) ?? pyFloatFromText(text) ?? text;
}

// One element of an ArrayList: char/String elements lose their quotes; typed ones are converted.
function convertListElement(text: string, nestedType: string | undefined): PyValue {
  if (nestedType === 'char' || nestedType === 'String') return text.slice(1, -1);
  return nestedType ? convertJavaValue(text, nestedType) : parseJavaValue(text);
}

function parseArrayList(text: string, nestedType: string | undefined): PyValue {
  const asList = ARRAYLIST_ASLIST.exec(text);
  if (asList) return asList[1]!.split(',').map((element) => convertListElement(pyStrip(element), nestedType));
  const adds = ARRAYLIST_ADDS.exec(text);
  if (adds) return [...adds[1]!.matchAll(ARRAYLIST_ADD)].map((match) => convertListElement(pyStrip(match[1]!), nestedType));
  if (ARRAYLIST_EMPTY.test(text)) return [];
  return text;
}

function parseArray(text: string, nestedType: string | undefined): PyValue {
  const match = ARRAY.exec(text);
  if (!match) return text;
  return match[1]!
    .split(',')
    .filter((part) => pyStrip(part) !== '')
    .map((part) => (nestedType ? convertJavaValue(pyStrip(part), nestedType) : parseJavaValue(pyStrip(part))));
}

function parseHashMap(text: string): PyValue {
  const match = HASHMAP.exec(text);
  if (match) {
    const dict = createPyDict();
    for (const put of pyStrip(match[1]!) ? match[1]!.matchAll(HASHMAP_PUT) : []) {
      dict[put[1]!] = parseJavaValue(pyStrip(put[2]!));
    }
    return dict;
  }
  return HASHMAP_EMPTY.test(text) ? createPyDict() : text;
}

/**
 * BFCL's java_type_converter: convert the model's string for a parameter of Java type `type`
 * (`nestedType` is the element type of Array/ArrayList). Unparseable text comes back unchanged.
 * @example convertJavaValue('42L', 'long') // 42n
 */
export function convertJavaValue(text: string, type: string, nestedType?: string): PyValue {
  switch (type) {
    case 'byte':
    case 'short':
    case 'integer':
      return INTEGER.test(text) ? toInt(text) : text;
    case 'float':
      return FLOAT.test(text) ? toFloat(text.replace(FLOAT_SUFFIX, '')) : text;
    case 'double':
      return DOUBLE.test(text) ? toFloat(text) : text;
    case 'long':
      return LONG.test(text) ? toInt(text.replace(LONG_SUFFIX, '')) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    // BFCL's char pattern can never match, so a char stays the model's text.
    case 'char':
    case 'String':
    case 'any':
      return text;
    case 'Array':
      return parseArray(text, nestedType);
    case 'ArrayList':
      return parseArrayList(text, nestedType);
    case 'HashMap':
      return parseHashMap(text);
    default:
      throw new BfclCheckerError(
        `BFCL's Java converter has no conversion for type "${type}" (BFCL raises here too); the function doc uses a type the checker cannot score.`,
      );
  }
}
