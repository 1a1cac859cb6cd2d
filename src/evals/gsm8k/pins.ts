import { PUBLIC_URL_TEMPLATE, type DatasetFilePin } from '../../shared/datasets/pins.ts';

// Pinned public files of gsm8k, copied from shared/datasets/gsm8k/MANIFEST.md; never put dataset contents here.

const GSM8K = { repository: 'openai/grade-school-math', commit: 'b0bb162abedc65e1fdd8e93ed090fd7598ee68bc', license: 'MIT' };

export const GSM8K_PINS = {
  'gsm8k/test': {
    ...GSM8K,
    id: 'gsm8k/test',
    path: 'grade_school_math/data/test.jsonl',
    sha256: '3730d312f6e3440559ace48831e51066acaca737f6eabec99bccb9e4b3c39d14',
    bytes: 749738,
    records: 1319,
    localPath: 'gsm8k/test.jsonl',
    urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  'gsm8k/train': {
    ...GSM8K,
    id: 'gsm8k/train',
    path: 'grade_school_math/data/train.jsonl',
    sha256: '17f347dc51477c50d4efb83959dbb7c56297aba886e5544ee2aaed3024813465',
    bytes: 4166206,
    records: 7473,
    localPath: 'gsm8k/train.jsonl',
    urlTemplate: PUBLIC_URL_TEMPLATE,
  },
} as const satisfies Record<string, DatasetFilePin>;
