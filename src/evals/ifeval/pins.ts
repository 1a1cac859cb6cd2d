import type { DatasetFilePin } from '../../shared/datasets/pins.ts';

// IFEval's prompts, from a verbatim copy of google-research's instruction_following_eval/ folder
// (google-research itself is too large to pin; identity checked in shared/datasets/ifeval/MANIFEST.md).
// Only a type is imported from the registry, which imports this module: a value import would be a cycle.

/** `input_data.jsonl`: 541 prompts with their instruction ids and kwargs. */
export const IFEVAL_INPUT_PIN = {
  id: 'ifeval/input_data',
  repository: 'Jack-Lingjie/IFeval',
  commit: '5a783cece8a42ee8c10b0123d2bc563426772cff',
  path: 'data/input_data.jsonl',
  sha256: '67ffeee0fcb87c317c5b08a2de85557b4a7e96ada6178aa645b4954fe4b53d49',
  bytes: 207111,
  records: 541,
  license: 'Apache-2.0',
  localPath: 'ifeval/input_data.jsonl',
  // PUBLIC_URL_TEMPLATE, spelled out (see above).
  urlTemplate: 'https://raw.githubusercontent.com/{repository}/{commit}/{path}',
} as const satisfies DatasetFilePin;
