import { describe, expect, test } from 'vitest';
import { bunzip2 } from '../../../src/shared/datasets/bunzip2.ts';

// Two concatenated bzip2 streams (made with bzip2 1.0.8) of EXPECTED below.
const FIXTURE = Buffer.from(
  'QlpoOTFBWSZTWRcyb9sAAC/fgIEQf///////////////AAggAHQiRHqAAAaAAADI0BoDTTQDI00ABocDTTTQyGTIZGgGQBoaAxGQAAMIyAVb+unD0jsC/CgBwYUMTVEixhh45BPeSPKKLlzDJs6fQo0qZp1SrWr2LJZlm0bbuXb1/AdhxY8mXMfnQ0I6URH6jhLayQGMkNm1PeluTXpcOLFTkCpHNgqh069u/jy8BT17APgoZD/7+WH/F3JFOFCQFzJv20JaaDkxQVkmU1mEUpCUAAAF0YAAEEAALgOcACAAIgDQ0EDQNAUEvThPHh4u5IpwoSEIpSEo',
  'base64',
);
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const EXPECTED = `hello bzip2 ${'a'.repeat(10)}${'b'.repeat(300)}${'xyz\n'.repeat(3)}${PRINTABLE}\nsecond stream\n`;

describe('bunzip2', () => {
  test('decodes concatenated streams with long runs', () => {
    expect(bunzip2(FIXTURE).toString('latin1')).toBe(EXPECTED);
  });

  test('rejects data without a bzip2 header', () => {
    expect(() => bunzip2(Buffer.from('not bzip2 at all'))).toThrow('bzip2: bad stream header');
  });

  test('rejects truncated data', () => {
    expect(() => bunzip2(FIXTURE.subarray(0, 60))).toThrow(/^bzip2: /);
  });

  test('rejects a flipped bit in the compressed data', () => {
    const corrupt = Buffer.from(FIXTURE);
    corrupt[80] = corrupt[80]! ^ 0x10;
    expect(() => bunzip2(corrupt)).toThrow(/^bzip2: /);
  });

  test('refuses to produce more than maxOutputBytes', () => {
    expect(() => bunzip2(FIXTURE, { maxOutputBytes: 100 })).toThrow('bzip2: output exceeds the limit of 100 bytes');
  });
});
