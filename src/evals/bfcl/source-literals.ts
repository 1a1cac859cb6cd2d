import { formatPyFloat } from './python-repr.ts';
import { isPyDict, type PyValue } from './python-value.ts';

// Java and JavaScript source literals for Python values, as a model would write them for BFCL's Java and
// JavaScript categories (every parameter is a string there); used to build gold responses.

const javaNumber = (value: PyValue) => (typeof value === 'number' ? formatPyFloat(value) : String(value));

/** A Python value as the Java source literal BFCL's converter reads back as that value (`5L`, `new ArrayList<>(...)`). */
export function javaLiteral(value: PyValue, type: string | undefined, itemsType: string | undefined): string {
  if (typeof value === 'boolean') return String(value);
  if (type === 'long') return `${javaNumber(value)}L`;
  if (type === 'float') return `${javaNumber(value)}f`;
  if (Array.isArray(value) && type === 'Array')
    return `new Object[]{${value.map((item) => javaLiteral(item, itemsType, undefined)).join(', ')}}`;
  if (Array.isArray(value) && type === 'ArrayList') {
    const quote = itemsType === 'String' || itemsType === 'char';
    return `new ArrayList<>(Arrays.asList(${value.map((item) => (quote ? `"${String(item)}"` : javaLiteral(item, itemsType, undefined))).join(', ')}))`;
  }
  if (isPyDict(value)) {
    const puts = Object.entries(value).map(
      ([key, item]) => `put("${key}", ${typeof item === 'string' ? `"${item}"` : javaLiteral(item, undefined, undefined)});`,
    );
    return `new HashMap<String, Object>() {{ ${puts.join(' ')} }}`;
  }
  return typeof value === 'string' ? value : javaNumber(value);
}

/** A Python value as the JavaScript source literal BFCL's converter reads back as that value (`[1, 2]`, `{"k": "v"}`). */
export function jsLiteral(value: PyValue, type: string | undefined, itemsType: string | undefined): string {
  if (type === 'Bigint') return `${String(value)}n`;
  if (Array.isArray(value)) return `[${value.map((item) => jsLiteral(item, itemsType, undefined)).join(', ')}]`;
  if (isPyDict(value))
    return `{${Object.entries(value)
      .map(([key, item]) => `"${key}": ${jsLiteral(item, undefined, undefined)}`)
      .join(', ')}}`;
  if (typeof value === 'string') return type === undefined || type === 'String' ? `"${value}"` : value;
  return typeof value === 'number' ? formatPyFloat(value) : String(value);
}
