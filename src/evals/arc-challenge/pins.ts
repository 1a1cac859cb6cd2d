import { PUBLIC_URL_TEMPLATE, type DatasetFilePin } from '../../shared/datasets/pins.ts';

// Pinned public files of arc_challenge, copied from shared/datasets/arc_challenge/MANIFEST.md; never put dataset contents here.

// The data/ folder was moved out of the tree after this commit, so files are read here.
const BENCHMARKER = { repository: 'FormulaMonks/llm-benchmarker-suite', commit: '5d3c8009ab8f5adab4899c34dd203cbf7afcb372' };

export const ARC_CHALLENGE_PINS = {
  'arc_challenge/test': {
    ...BENCHMARKER,
    license: 'CC-BY-SA-4.0',
    id: 'arc_challenge/test',
    path: 'data/ARC/ARC-c/ARC-Challenge-Test.jsonl',
    sha256: '9fa8ffb3e3a1f88cb302d53dd95aae81e39209ad9bcf974376b319d8fd35717c',
    bytes: 492726,
    records: 1172,
    localPath: 'arc_challenge/ARC-Challenge-Test.jsonl',
    urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  'arc_challenge/dev': {
    ...BENCHMARKER,
    license: 'CC-BY-SA-4.0',
    id: 'arc_challenge/dev',
    path: 'data/ARC/ARC-c/ARC-Challenge-Dev.jsonl',
    sha256: '55224364abd2477f66a9a57c5cbef109fb71d83019aa5e37aec0e7ab757746ca',
    bytes: 126540,
    records: 299,
    localPath: 'arc_challenge/ARC-Challenge-Dev.jsonl',
    urlTemplate: PUBLIC_URL_TEMPLATE,
  },
} as const satisfies Record<string, DatasetFilePin>;
