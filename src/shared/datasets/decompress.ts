import { gunzipSync } from 'node:zlib';
import { bunzip2 } from './bunzip2.ts';
import type { DatasetCompression } from './pins.ts';

// Decompress a downloaded artifact; output is capped so a bad artifact cannot exhaust memory.
export function decompressArtifact(compression: DatasetCompression, data: Uint8Array, maxOutputBytes: number): Buffer {
  switch (compression) {
    case 'gzip':
      return gunzipSync(data, { maxOutputLength: maxOutputBytes });
    case 'bzip2':
      return bunzip2(data, { maxOutputBytes });
  }
}
