import { PUBLIC_URL_TEMPLATE, type DatasetFilePin } from '../../shared/datasets/pins.ts';

// Pinned public files of humaneval, copied from shared/datasets/humaneval/MANIFEST.md; never put dataset contents here.

export const HUMANEVAL_PINS = {
  // Upstream ships only the .gz; gunzipped locally with zlib.
  'humaneval/test': {
    id: 'humaneval/test',
    repository: 'openai/human-eval',
    commit: '463c980b59e818ace59f6f9803cd92c749ceae61',
    path: 'data/HumanEval.jsonl.gz',
    license: 'MIT',
    sha256: 'b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef',
    bytes: 44877,
    compression: 'gzip',
    decompressed: { sha256: '1d49078ba3e2b196b9344535bef34a43021f038fad9561d6ee7c53450609a6a2', bytes: 214438 },
    records: 164,
    localPath: 'humaneval/HumanEval.jsonl.gz',
    localDecompressedPath: 'humaneval/HumanEval.jsonl',
    urlTemplate: PUBLIC_URL_TEMPLATE,
  },
} as const satisfies Record<string, DatasetFilePin>;
