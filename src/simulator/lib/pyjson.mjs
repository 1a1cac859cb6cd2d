// Python's json.loads / json.dumps(ensure_ascii=False) as vLLM's tool parser applies them: ints stay ints
// (BigInt, any size), floats stay floats (5.0 prints as 5.0), objects keep key order (Map, last duplicate wins).

/** @typedef {null | boolean | string | bigint | number | PyValue[] | Map<string, PyValue>} PyValue */

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

// Parse JSON text as Python's json.loads does (NaN/Infinity accepted, raw control characters in strings refused).
/** @param {string} text @returns {PyValue} */
export function loadsPy(text) {
  const state = { text, at: 0 };
  skipWhitespace(state);
  const value = readValue(state);
  skipWhitespace(state);
  if (state.at !== text.length) throw new SyntaxError(`Extra data: char ${state.at}`);
  return value;
}

/** @param {{ text: string, at: number }} s */
function skipWhitespace(s) {
  WHITESPACE.lastIndex = s.at;
  WHITESPACE.exec(s.text);
  s.at = WHITESPACE.lastIndex;
}

/** @param {{ text: string, at: number }} s @returns {PyValue} */
function readValue(s) {
  const c = s.text[s.at];
  if (c === '{') return readObject(s);
  if (c === '[') return readArray(s);
  if (c === '"') return readString(s);
  for (const [word, value] of /** @type {[string, PyValue][]} */ ([
    ['null', null],
    ['true', true],
    ['false', false],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])) {
    if (s.text.startsWith(word, s.at)) {
      s.at += word.length;
      return value;
    }
  }
  NUMBER.lastIndex = s.at;
  const m = NUMBER.exec(s.text);
  if (!m) throw new SyntaxError(`Expecting value: char ${s.at}`);
  s.at = NUMBER.lastIndex;
  return m[1] !== undefined || m[2] !== undefined ? Number(m[0]) : BigInt(m[0]);
}

/** @param {{ text: string, at: number }} s */
function readObject(s) {
  /** @type {Map<string, PyValue>} */
  const out = new Map();
  s.at++;
  skipWhitespace(s);
  if (s.text[s.at] === '}') {
    s.at++;
    return out;
  }
  for (;;) {
    if (s.text[s.at] !== '"') throw new SyntaxError(`Expecting property name enclosed in double quotes: char ${s.at}`);
    const key = readString(s);
    skipWhitespace(s);
    if (s.text[s.at] !== ':') throw new SyntaxError(`Expecting ':' delimiter: char ${s.at}`);
    s.at++;
    skipWhitespace(s);
    out.set(key, readValue(s));
    skipWhitespace(s);
    const c = s.text[s.at++];
    if (c === '}') return out;
    if (c !== ',') throw new SyntaxError(`Expecting ',' delimiter: char ${s.at - 1}`);
    skipWhitespace(s);
  }
}

/** @param {{ text: string, at: number }} s */
function readArray(s) {
  /** @type {PyValue[]} */
  const out = [];
  s.at++;
  skipWhitespace(s);
  if (s.text[s.at] === ']') {
    s.at++;
    return out;
  }
  for (;;) {
    out.push(readValue(s));
    skipWhitespace(s);
    const c = s.text[s.at++];
    if (c === ']') return out;
    if (c !== ',') throw new SyntaxError(`Expecting ',' delimiter: char ${s.at - 1}`);
    skipWhitespace(s);
  }
}

/** @param {{ text: string, at: number }} s */
function readString(s) {
  const start = s.at;
  let i = s.at + 1;
  for (; i < s.text.length; i++) {
    const c = s.text.charCodeAt(i);
    if (c === 0x22) break;
    if (c === 0x5c) i++;
    else if (c < 0x20) throw new SyntaxError(`Invalid control character at: char ${i}`);
  }
  if (i >= s.text.length) throw new SyntaxError(`Unterminated string starting at: char ${start}`);
  s.at = i + 1;
  return JSON.parse(s.text.slice(start, i + 1));
}

// Python's json.dumps(value, ensure_ascii=False) with its default separators ", " and ": ".
/** @param {PyValue} value @returns {string} */
export function dumpsPy(value) {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return formatPyFloat(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(dumpsPy).join(', ')}]`;
  return `{${[...value].map(([k, v]) => `${JSON.stringify(k)}: ${dumpsPy(v)}`).join(', ')}}`;
}

// Python's repr() of a float: shortest round-trip digits, scientific below 1e-4 and from 1e16.
/** @param {number} value */
export function formatPyFloat(value) {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exp = '0'] = value.toExponential().split('e');
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const e = Number(exp);
  if (e < -4 || e >= 16) {
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${rest}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.length > e + 1 ? digits.slice(0, e + 1) : digits.padEnd(e + 1, '0');
  const fraction = digits.slice(e + 1);
  return `${sign}${whole}.${fraction || '0'}`;
}

// A parsed value as plain JSON-compatible JS (for schema checks and names): Maps become objects, ints numbers.
/** @param {PyValue} value @returns {unknown} */
export function toPlain(value) {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, toPlain(v)]));
  return value;
}

// Plain JS data as a Python value (whole numbers become ints, as Python's json would read JSON.stringify's output).
/** @param {unknown} value @returns {PyValue} */
export function fromPlain(value) {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(fromPlain);
  if (value && typeof value === 'object') return new Map(Object.entries(value).map(([k, v]) => [k, fromPlain(v)]));
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  return null;
}
