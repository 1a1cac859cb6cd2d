// Python values as BFCL's checker sees them: `int` and `float` stay apart (5 is not 5.0 to its type checks),
// while `==` still equates True, 1 and 1.0 the way Python does.

/**
 * A value decoded the way Python's `json.loads` decodes it: `bigint` is `int`, `number` is `float`,
 * arrays are `list`, null-prototype objects are `dict` (keys are strings, as JSON and BFCL's converters give).
 */
export type PyValue = null | boolean | bigint | number | string | PyValue[] | PyDict;

/** A Python `dict` with string keys, in insertion order. */
export interface PyDict {
  [key: string]: PyValue;
}

/** Python type names the checker compares (`type(value).__name__`). */
export type PyTypeName = 'NoneType' | 'bool' | 'int' | 'float' | 'str' | 'list' | 'dict';

/** An empty dict; null prototype so keys such as `__proto__` stay ordinary keys. */
export function createPyDict(): PyDict {
  return Object.create(null) as PyDict;
}

/** True for a `dict` value. */
export function isPyDict(value: PyValue | undefined): value is PyDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Python's `type(value).__name__`. */
export function pyTypeName(value: PyValue): PyTypeName {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'str';
    default:
      return 'dict';
  }
}

// Numeric view of bool/int/float for `==` (Python compares them by value across the three types).
function toNumeric(value: PyValue): bigint | number | undefined {
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'bigint' || typeof value === 'number') return value;
  return undefined;
}

// Exact comparison of an int with a float (Python never rounds the int).
function numericEquals(a: bigint | number, b: bigint | number): boolean {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  const [int, float] = typeof a === 'bigint' ? [a, b as number] : [b as bigint, a];
  return Number.isInteger(float) && BigInt(float) === int;
}

/** Python's `a == b` for decoded values. */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  const na = toNumeric(a);
  const nb = toNumeric(b);
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && numericEquals(na, nb);
  if (typeof a === 'string' || typeof b === 'string' || a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => pyEquals(item, b[i]!));
  }
  if (!isPyDict(a) || !isPyDict(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && pyEquals(a[key]!, b[key]!));
}

/**
 * Python's `item in container`: membership in a list, a key of a dict, a substring of a str.
 * Returns undefined where Python raises `TypeError` (e.g. `5 in "abc"`).
 */
export function pyContains(container: PyValue, item: PyValue): boolean | undefined {
  if (Array.isArray(container)) return container.some((element) => pyEquals(element, item));
  if (typeof container === 'string') return typeof item === 'string' ? container.includes(item) : undefined;
  if (isPyDict(container)) return typeof item === 'string' ? Object.hasOwn(container, item) : false;
  return undefined;
}

/** Python's `list(value)` for the iterables the checker walks (list items, str code points, dict keys). */
export function pyIterate(value: PyValue): PyValue[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  if (isPyDict(value)) return Object.keys(value);
  return undefined;
}

/** A deep copy that keeps dicts null-prototype. */
export function clonePyValue<T extends PyValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => clonePyValue(item)) as T;
  if (isPyDict(value)) {
    const copy = createPyDict();
    for (const [key, item] of Object.entries(value)) copy[key] = clonePyValue(item);
    return copy as T;
  }
  return value;
}
