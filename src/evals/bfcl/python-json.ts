import { createPyDict, isPyDict, type PyValue } from './python-value.ts';
import { formatPyFloat } from './python-repr.ts';

// Python's `json.loads` and `json.dumps` (default options). loads keeps the number text's type: `5` is an
// int and `5.0` a float, which BFCL's type checks tell apart and JSON.parse would merge.

const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings; this class finds them
const PLAIN_CHARS = /[^"\\\x00-\x1f]*/y;
const WHITESPACE = /[ \t\n\r]*/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const CONSTANTS: [string, PyValue][] = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
];

// Recursive-descent reader over one string.
class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new SyntaxError(`${what} at char ${this.pos}`);
  }

  skipWhitespace(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.test(this.text);
    this.pos = WHITESPACE.lastIndex;
  }

  readValue(): PyValue {
    const char = this.text[this.pos];
    if (char === '{') return this.readObject();
    if (char === '[') return this.readArray();
    if (char === '"') return this.readString();
    for (const [word, value] of CONSTANTS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.readNumber();
  }

  readNumber(): PyValue {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('Expecting value');
    this.pos = NUMBER.lastIndex;
    return match[1] === undefined && match[2] === undefined ? BigInt(match[0]) : Number(match[0]);
  }

  readString(): string {
    this.pos++;
    let out = '';
    for (;;) {
      PLAIN_CHARS.lastIndex = this.pos;
      PLAIN_CHARS.test(this.text);
      out += this.text.slice(this.pos, PLAIN_CHARS.lastIndex);
      this.pos = PLAIN_CHARS.lastIndex;
      const char = this.text[this.pos];
      if (char === '"') {
        this.pos++;
        return out;
      }
      if (char === undefined) this.fail('Unterminated string');
      if (char !== '\\') this.fail('Invalid control character');
      const escaped = this.text[this.pos + 1];
      if (escaped === 'u') {
        const hex = this.text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\uXXXX escape');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.pos += 6;
      } else if (escaped !== undefined && Object.hasOwn(ESCAPES, escaped)) {
        out += ESCAPES[escaped];
        this.pos += 2;
      } else {
        this.fail('Invalid \\escape');
      }
    }
  }

  readArray(): PyValue[] {
    this.pos++;
    const items: PyValue[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.readValue());
      this.skipWhitespace();
      const char = this.text[this.pos++];
      if (char === ']') return items;
      if (char !== ',') this.fail("Expecting ',' delimiter");
    }
  }

  readObject(): PyValue {
    this.pos++;
    const dict = createPyDict();
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return dict;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail('Expecting property name enclosed in double quotes');
      const key = this.readString();
      this.skipWhitespace();
      if (this.text[this.pos++] !== ':') this.fail("Expecting ':' delimiter");
      this.skipWhitespace();
      // A repeated key keeps its first position and takes the last value, like a Python dict.
      dict[key] = this.readValue();
      this.skipWhitespace();
      const char = this.text[this.pos++];
      if (char === '}') return dict;
      if (char !== ',') this.fail("Expecting ',' delimiter");
    }
  }
}

/**
 * Python's `json.loads(text)`: ints as bigint, floats as number, `NaN`/`Infinity` accepted, duplicate keys
 * resolved to the last value. Throws `SyntaxError` where Python raises `JSONDecodeError`.
 * @example parsePythonJson('{"n": 5, "x": 5.0}') // { n: 5n, x: 5 }
 */
export function parsePythonJson(text: string): PyValue {
  if (text.startsWith('\ufeff')) throw new SyntaxError('Unexpected UTF-8 BOM (decode using utf-8-sig)');
  const reader = new Reader(text);
  reader.skipWhitespace();
  const value = reader.readValue();
  reader.skipWhitespace();
  if (reader.pos !== text.length) reader.fail('Extra data');
  return value;
}

// A str the way json.dumps writes it with ensure_ascii: everything outside space..tilde escaped.
function formatJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const code = text.charCodeAt(i);
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else out += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/**
 * Python's `json.dumps(value)` with its defaults: `", "` and `": "` separators, ASCII-only output,
 * floats as `repr` (1.0, 1e-05), `NaN`/`Infinity` for non-finite floats.
 */
export function formatPythonJson(value: PyValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return formatPyFloat(value);
  }
  if (typeof value === 'string') return formatJsonString(value);
  if (Array.isArray(value)) return `[${value.map(formatPythonJson).join(', ')}]`;
  if (isPyDict(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${formatJsonString(key)}: ${formatPythonJson(item)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/**
 * A JSON-safe copy for request bodies and records: ints become numbers (exact up to 2^53), dicts plain objects.
 * Integral floats lose their `.0` once serialised by JSON.stringify; the value is unchanged.
 */
export function toJsonValue(value: PyValue): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (isPyDict(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '__proto__')
        Object.defineProperty(out, key, { value: toJsonValue(item), enumerable: true, writable: true, configurable: true });
      else out[key] = toJsonValue(item);
    }
    return out;
  }
  return value;
}
