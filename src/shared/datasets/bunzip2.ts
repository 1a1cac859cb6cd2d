// Minimal bzip2 decoder (zlib has none): enough for the pinned HellaSwag .bz2, checked by block CRCs.
// Format: Seward's bzip2 1.0 (Huffman + MTF/RLE2 + BWT + RLE1); concatenated streams are supported.

const BLOCK_MAGIC_HI = 0x314159;
const BLOCK_MAGIC_LO = 0x265359;
const END_MAGIC_HI = 0x177245;
const END_MAGIC_LO = 0x385090;
const MAX_GROUPS = 6;
const MAX_CODE_LENGTH = 20;
const GROUP_SIZE = 50;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[i] = c >>> 0;
  }
  return table;
})();

class BitReader {
  #data: Uint8Array;
  #pos = 0;
  #buf = 0;
  #count = 0;
  constructor(data: Uint8Array) {
    this.#data = data;
  }
  // Read n <= 24 bits, most significant first.
  bits(n: number): number {
    while (this.#count < n) {
      if (this.#pos >= this.#data.length) throw new Error('bzip2: unexpected end of data');
      this.#buf = ((this.#buf << 8) | this.#data[this.#pos++]!) >>> 0;
      this.#count += 8;
    }
    this.#count -= n;
    return (this.#buf >>> this.#count) & ((1 << n) - 1);
  }
  alignToByte(): void {
    this.#count -= this.#count % 8;
  }
  atEnd(): boolean {
    return this.#count < 8 && this.#pos >= this.#data.length;
  }
}

class Output {
  #buf: Uint8Array;
  length = 0;
  readonly #max: number;
  constructor(initial: number, max: number) {
    this.#buf = new Uint8Array(Math.max(1024, Math.min(initial, max)));
    this.#max = max;
  }
  push(byte: number, times = 1): void {
    const end = this.length + times;
    if (end > this.#max) throw new Error(`bzip2: output exceeds the limit of ${this.#max} bytes`);
    if (end > this.#buf.length) {
      const grown = new Uint8Array(Math.min(this.#max, Math.max(end, this.#buf.length * 2)));
      grown.set(this.#buf.subarray(0, this.length));
      this.#buf = grown;
    }
    this.#buf.fill(byte, this.length, end);
    this.length = end;
  }
  pushByte(byte: number): void {
    if (this.length >= this.#buf.length) this.push(byte);
    else this.#buf[this.length++] = byte;
  }
  result(): Buffer {
    return Buffer.from(this.#buf.buffer, this.#buf.byteOffset, this.length);
  }
}

/** Options of {@link bunzip2}. */
export interface Bunzip2Options {
  /** Fail instead of producing more than this many bytes (guards against decompression bombs). @unit bytes @default Infinity */
  maxOutputBytes?: number;
}

/** Decompress a bzip2 file (one or more concatenated streams); throws on corrupt input or CRC mismatch. */
export function bunzip2(input: Uint8Array, options: Bunzip2Options = {}): Buffer {
  const max = options.maxOutputBytes ?? Number.POSITIVE_INFINITY;
  const reader = new BitReader(input);
  const out = new Output(input.length * 4, max);
  let streams = 0;
  while (streams === 0 || !reader.atEnd()) {
    if (reader.bits(8) !== 0x42 || reader.bits(8) !== 0x5a || reader.bits(8) !== 0x68) {
      throw new Error('bzip2: bad stream header (expected "BZh")');
    }
    const level = reader.bits(8) - 0x30;
    if (level < 1 || level > 9) throw new Error('bzip2: bad block size in header');
    decodeStream(reader, out, level * 100_000);
    reader.alignToByte();
    streams++;
  }
  return out.result();
}

// Decode the blocks of one stream up to its end-of-stream marker, checking the combined CRC.
function decodeStream(reader: BitReader, out: Output, maxBlock: number): void {
  const tt = new Uint32Array(maxBlock);
  let combined = 0;
  for (;;) {
    const hi = reader.bits(24);
    const lo = reader.bits(24);
    if (hi === END_MAGIC_HI && lo === END_MAGIC_LO) {
      const expected = ((reader.bits(16) << 16) | reader.bits(16)) >>> 0;
      if (expected !== combined) throw new Error('bzip2: stream CRC mismatch');
      return;
    }
    if (hi !== BLOCK_MAGIC_HI || lo !== BLOCK_MAGIC_LO) throw new Error('bzip2: bad block header');
    const expectedCrc = ((reader.bits(16) << 16) | reader.bits(16)) >>> 0;
    const crc = decodeBlock(reader, out, tt);
    if (crc !== expectedCrc) throw new Error('bzip2: block CRC mismatch');
    combined = (((combined << 1) | (combined >>> 31)) ^ crc) >>> 0;
  }
}

interface HuffmanTable {
  minLen: number;
  maxLen: number;
  // For each code length: first canonical code, its offset into `symbols`, and how many codes.
  first: Int32Array;
  offset: Int32Array;
  count: Int32Array;
  symbols: Uint16Array;
}

// Build canonical Huffman decode tables as bzip2 assigns codes (by length, then symbol order).
function buildTable(lengths: Uint8Array, alphaSize: number): HuffmanTable {
  let minLen = MAX_CODE_LENGTH;
  let maxLen = 0;
  for (let i = 0; i < alphaSize; i++) {
    minLen = Math.min(minLen, lengths[i]!);
    maxLen = Math.max(maxLen, lengths[i]!);
  }
  const first = new Int32Array(MAX_CODE_LENGTH + 2);
  const offset = new Int32Array(MAX_CODE_LENGTH + 2);
  const count = new Int32Array(MAX_CODE_LENGTH + 2);
  const symbols = new Uint16Array(alphaSize);
  let code = 0;
  let n = 0;
  for (let len = minLen; len <= maxLen; len++) {
    first[len] = code;
    offset[len] = n;
    for (let s = 0; s < alphaSize; s++) {
      if (lengths[s] === len) {
        symbols[n++] = s;
        code++;
      }
    }
    count[len] = n - offset[len]!;
    code <<= 1;
  }
  return { minLen, maxLen, first, offset, count, symbols };
}

function decodeSymbol(reader: BitReader, table: HuffmanTable): number {
  let len = table.minLen;
  let code = reader.bits(len);
  for (;;) {
    const index = code - table.first[len]!;
    if (index >= 0 && index < table.count[len]!) return table.symbols[table.offset[len]! + index]!;
    if (++len > table.maxLen) throw new Error('bzip2: invalid Huffman code');
    code = (code << 1) | reader.bits(1);
  }
}

// Decode one block into `out`; returns the block's CRC over the bytes it produced.
function decodeBlock(reader: BitReader, out: Output, tt: Uint32Array): number {
  if (reader.bits(1)) throw new Error('bzip2: randomised blocks are not supported');
  const origPtr = reader.bits(24);

  // Symbol map: which byte values occur in the block.
  const seqToUnseq: number[] = [];
  const used16 = reader.bits(16);
  for (let i = 0; i < 16; i++) {
    if (used16 & (0x8000 >> i)) {
      const bits = reader.bits(16);
      for (let j = 0; j < 16; j++) if (bits & (0x8000 >> j)) seqToUnseq.push(i * 16 + j);
    }
  }
  if (seqToUnseq.length === 0) throw new Error('bzip2: block uses no symbols');
  const alphaSize = seqToUnseq.length + 2;
  const endOfBlock = alphaSize - 1;

  const nGroups = reader.bits(3);
  if (nGroups < 2 || nGroups > MAX_GROUPS) throw new Error('bzip2: bad number of Huffman groups');
  const nSelectors = reader.bits(15);
  if (nSelectors < 1) throw new Error('bzip2: no selectors');
  const groupMtf = Array.from({ length: nGroups }, (_, i) => i);
  const selectors = new Uint8Array(nSelectors);
  for (let i = 0; i < nSelectors; i++) {
    let j = 0;
    while (reader.bits(1)) if (++j >= nGroups) throw new Error('bzip2: bad selector');
    const group = groupMtf[j]!;
    groupMtf.splice(j, 1);
    groupMtf.unshift(group);
    selectors[i] = group;
  }

  const tables: HuffmanTable[] = [];
  for (let t = 0; t < nGroups; t++) {
    const lengths = new Uint8Array(alphaSize);
    let len = reader.bits(5);
    for (let s = 0; s < alphaSize; s++) {
      for (;;) {
        if (len < 1 || len > MAX_CODE_LENGTH) throw new Error('bzip2: bad code length');
        if (!reader.bits(1)) break;
        len += reader.bits(1) ? -1 : 1;
      }
      lengths[s] = len;
    }
    tables.push(buildTable(lengths, alphaSize));
  }

  // Huffman -> RLE2 (RUNA/RUNB) -> MTF, filling tt with the BWT's last column.
  const mtf = new Uint8Array(256);
  for (let i = 0; i < 256; i++) mtf[i] = i;
  const byteCount = new Int32Array(256);
  let size = 0;
  let selector = 0;
  let groupLeft = 0;
  let table = tables[0]!;
  let run = 0;
  let runWeight = 0;
  for (;;) {
    if (groupLeft === 0) {
      if (selector >= nSelectors) throw new Error('bzip2: ran out of selectors');
      table = tables[selectors[selector++]!]!;
      groupLeft = GROUP_SIZE;
    }
    groupLeft--;
    const sym = decodeSymbol(reader, table);
    if (sym <= 1) {
      if (runWeight === 0) runWeight = 1;
      run += (sym + 1) * runWeight;
      runWeight <<= 1;
      if (run > tt.length) throw new Error('bzip2: run exceeds block size');
      continue;
    }
    if (runWeight) {
      const byte = seqToUnseq[mtf[0]!]!;
      if (size + run > tt.length) throw new Error('bzip2: block exceeds declared size');
      tt.fill(byte, size, size + run);
      byteCount[byte]! += run;
      size += run;
      run = 0;
      runWeight = 0;
    }
    if (sym === endOfBlock) break;
    const index = sym - 1;
    if (index >= seqToUnseq.length) throw new Error('bzip2: bad MTF index');
    const value = mtf[index]!;
    mtf.copyWithin(1, 0, index);
    mtf[0] = value;
    const byte = seqToUnseq[value]!;
    if (size >= tt.length) throw new Error('bzip2: block exceeds declared size');
    tt[size++] = byte;
    byteCount[byte]!++;
  }
  if (origPtr >= size) throw new Error('bzip2: bad BWT origin pointer');

  // Inverse BWT: link each position of the sorted first column to its occurrence in the last column.
  const start = new Int32Array(256);
  for (let b = 0, sum = 0; b < 256; b++) {
    start[b] = sum;
    sum += byteCount[b]!;
  }
  for (let i = 0; i < size; i++) {
    const b = tt[i]! & 0xff;
    tt[start[b]!]! |= i << 8;
    start[b]!++;
  }

  // Walk the links, undoing RLE1 (4 equal bytes, then a repeat count) and computing the CRC.
  let crc = 0xffffffff;
  let pos = tt[origPtr]! >>> 8;
  let previous = -1;
  let repeat = 0;
  for (let k = 0; k < size; k++) {
    const entry = tt[pos]!;
    const byte = entry & 0xff;
    pos = entry >>> 8;
    if (repeat === 4) {
      for (let r = 0; r < byte; r++) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ previous) & 0xff]!) >>> 0;
      out.push(previous, byte);
      repeat = 0;
      previous = -1;
      continue;
    }
    crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
    out.pushByte(byte);
    if (byte === previous) repeat++;
    else {
      repeat = 1;
      previous = byte;
    }
  }
  return ~crc >>> 0;
}
