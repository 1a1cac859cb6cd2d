import { PUBLIC_URL_TEMPLATE, type DatasetFilePin } from '../../shared/datasets/pins.ts';

// Pinned public files of hellaswag, copied from shared/datasets/hellaswag/MANIFEST.md; never put dataset contents here.

export const HELLASWAG_PINS = {
  // Only the .bz2 is public (derived 6-lines-per-item text; the original jsonl is not obtainable).
  // It is decompressed locally by src/datasets/bunzip2.ts; records = items, not lines (60252).
  'hellaswag/validation': {
    id: 'hellaswag/validation',
    repository: 'klosax/hellaswag_text_data',
    commit: '60a646bd806bce22dcb2eb6d4fadb12f1472aa4c',
    path: 'hellaswag_val_full.txt.bz2',
    license: 'MIT',
    sha256: '50b637899e4263c2bc456c2dc726c95d2c8cd8e2a552ea5bd7719ce3cb03fe5b',
    bytes: 1964544,
    compression: 'bzip2',
    decompressed: { sha256: 'd572539320eb2050e858ca34b495bbe2103e3b3f1391a9c3bcdf215b0bb93bd1', bytes: 7770677 },
    records: 10042,
    localPath: 'hellaswag/hellaswag_val_full.txt.bz2',
    localDecompressedPath: 'hellaswag/hellaswag_val_full.txt',
    urlTemplate: PUBLIC_URL_TEMPLATE,
  },
} as const satisfies Record<string, DatasetFilePin>;
