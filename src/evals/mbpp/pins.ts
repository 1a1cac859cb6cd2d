import { PUBLIC_URL_TEMPLATE, type DatasetFilePin } from '../../shared/datasets/pins.ts';

// Pinned public files of mbpp, copied from shared/datasets/mbpp/MANIFEST.md; never put dataset contents here.

// The data/ folder was moved out of the tree after this commit, so files are read here.
const BENCHMARKER = { repository: 'FormulaMonks/llm-benchmarker-suite', commit: '5d3c8009ab8f5adab4899c34dd203cbf7afcb372' };

export const MBPP_PINS = {
  // Google's MBPP files via mirrors (google-research is too large to pin here); see the MBPP manifest.
  'mbpp/full': {
    ...BENCHMARKER,
    license: 'CC-BY-4.0',
    id: 'mbpp/full',
    path: 'data/mbpp/mbpp.jsonl',
    sha256: '0b5e07b5b40fedd01c57b7c9177b79f8b2eebd72c304c928605d91a7237d2f33',
    bytes: 563742,
    records: 974,
    localPath: 'mbpp/mbpp.jsonl',
    urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  'mbpp/sanitized': {
    id: 'mbpp/sanitized',
    repository: 'mrigankpawagi/PropertyEval',
    commit: '4e73775e3824006471d85c9180ebd9cadcbfb4ac',
    path: 'sanitized-mbpp.json',
    license: 'CC-BY-4.0',
    sha256: '8ac32b2799150228e2d745aed09c870b7e4444246d4727d1004576207ef40769',
    bytes: 278372,
    records: 427,
    localPath: 'mbpp/sanitized-mbpp.json',
    urlTemplate: PUBLIC_URL_TEMPLATE,
  },
} as const satisfies Record<string, DatasetFilePin>;
