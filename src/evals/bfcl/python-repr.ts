import { isPyDict, type PyValue } from './python-value.ts';

// Python's `repr()` of decoded values: floats as CPython prints them (1.0, 1e-05, 1e+16) and strings in
// Python's quoting, so failure messages read like BFCL's.

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function formatPyFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest digits that round-trip, as CPython's repr does.
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const pointAt = exponent + 1;
  if (pointAt > 16 || pointAt <= -4) {
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const magnitude = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${head}e${exponent < 0 ? '-' : '+'}${magnitude}`;
  }
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}.0`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

// Python's repr of a str: single quotes unless the text holds ' and no ".
function formatPyString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\') body += '\\\\';
    else if (char === quote) body += `\\${quote}`;
    else if (char === '\n') body += '\\n';
    else if (char === '\r') body += '\\r';
    else if (char === '\t') body += '\\t';
    else if (code < 0x20 || code === 0x7f) body += `\\x${code.toString(16).padStart(2, '0')}`;
    else body += char;
  }
  return `${quote}${body}${quote}`;
}

/** Python's `repr()` of a decoded value, e.g. `{'a': [1, 2.0, 'x'], 'b': None}`. */
export function formatPyRepr(value: PyValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return formatPyFloat(value);
  if (typeof value === 'string') return formatPyString(value);
  if (Array.isArray(value)) return `[${value.map(formatPyRepr).join(', ')}]`;
  if (isPyDict(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${formatPyString(key)}: ${formatPyRepr(item)}`)
      .join(', ')}}`;
  }
  return String(value);
}
