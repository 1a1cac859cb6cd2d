import type { DatasetPin } from '../records/run-record.ts';
import { IFEVAL_INPUT_PIN } from '../evals/ifeval/pins.ts';

// Registry of the public dataset files the suites read. Values are copied from
// shared/datasets/*/MANIFEST.md; never put dataset contents here.

/** Default public URL: GitHub's raw host at the pinned commit. */
export const PUBLIC_URL_TEMPLATE = 'https://raw.githubusercontent.com/{repository}/{commit}/{path}';

/** How the public artifact is compressed; the cache always holds the decompressed file. */
export type DatasetCompression = 'gzip' | 'bzip2';

/** One pinned public file: where it lives upstream, what it hashes to, where a local mirror keeps it. */
export interface DatasetFilePin {
  /** Stable id used by suites, e.g. `gsm8k/test`. */
  readonly id: string;
  /** GitHub `owner/name` of the repository holding the file. */
  readonly repository: string;
  /** Full commit sha the file is read at. */
  readonly commit: string;
  /** Path of the downloaded artifact inside the repository. */
  readonly path: string;
  /** sha256 of the downloaded artifact (the bytes at `path`). */
  readonly sha256: string;
  /** Size of the downloaded artifact. @unit bytes */
  readonly bytes: number;
  /** Set when the artifact is compressed; the cache then holds the decompressed file, checked by `decompressed`. */
  readonly compression?: DatasetCompression;
  /** sha256 and size of the decompressed file (only for compressed artifacts). */
  readonly decompressed?: { readonly sha256: string; readonly bytes: number };
  /** Records in the (decompressed) file as verified by the manifest. */
  readonly records: number;
  /** Data license (not the carrying repository's). */
  readonly license: string;
  /** Where a directory laid out like shared/datasets keeps the artifact (relative path). */
  readonly localPath: string;
  /** Where that directory keeps the decompressed copy, when it has one (relative path). */
  readonly localDecompressedPath?: string;
  /** URL of the public artifact; `{repository}`, `{commit}` and `{path}` are substituted. @default PUBLIC_URL_TEMPLATE */
  readonly urlTemplate: string;
}

const GSM8K = { repository: 'openai/grade-school-math', commit: 'b0bb162abedc65e1fdd8e93ed090fd7598ee68bc', license: 'MIT' };
// The data/ folder was moved out of the tree after this commit, so files are read here.
const BENCHMARKER = { repository: 'FormulaMonks/llm-benchmarker-suite', commit: '5d3c8009ab8f5adab4899c34dd203cbf7afcb372' };
const FASTCHAT = { repository: 'lm-sys/FastChat', license: 'Apache-2.0' };

/** Every pinned file, keyed by id. */
export const DATASET_PINS = {
  'gsm8k/test': {
    ...GSM8K, id: 'gsm8k/test', path: 'grade_school_math/data/test.jsonl',
    sha256: '3730d312f6e3440559ace48831e51066acaca737f6eabec99bccb9e4b3c39d14', bytes: 749738, records: 1319,
    localPath: 'gsm8k/test.jsonl', urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  'gsm8k/train': {
    ...GSM8K, id: 'gsm8k/train', path: 'grade_school_math/data/train.jsonl',
    sha256: '17f347dc51477c50d4efb83959dbb7c56297aba886e5544ee2aaed3024813465', bytes: 4166206, records: 7473,
    localPath: 'gsm8k/train.jsonl', urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  'arc_challenge/test': {
    ...BENCHMARKER, license: 'CC-BY-SA-4.0', id: 'arc_challenge/test', path: 'data/ARC/ARC-c/ARC-Challenge-Test.jsonl',
    sha256: '9fa8ffb3e3a1f88cb302d53dd95aae81e39209ad9bcf974376b319d8fd35717c', bytes: 492726, records: 1172,
    localPath: 'arc_challenge/ARC-Challenge-Test.jsonl', urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  'arc_challenge/dev': {
    ...BENCHMARKER, license: 'CC-BY-SA-4.0', id: 'arc_challenge/dev', path: 'data/ARC/ARC-c/ARC-Challenge-Dev.jsonl',
    sha256: '55224364abd2477f66a9a57c5cbef109fb71d83019aa5e37aec0e7ab757746ca', bytes: 126540, records: 299,
    localPath: 'arc_challenge/ARC-Challenge-Dev.jsonl', urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  // Only the .bz2 is public (derived 6-lines-per-item text; the original jsonl is not obtainable).
  // It is decompressed locally by src/datasets/bunzip2.ts; records = items, not lines (60252).
  'hellaswag/validation': {
    id: 'hellaswag/validation', repository: 'klosax/hellaswag_text_data', commit: '60a646bd806bce22dcb2eb6d4fadb12f1472aa4c',
    path: 'hellaswag_val_full.txt.bz2', license: 'MIT',
    sha256: '50b637899e4263c2bc456c2dc726c95d2c8cd8e2a552ea5bd7719ce3cb03fe5b', bytes: 1964544,
    compression: 'bzip2',
    decompressed: { sha256: 'd572539320eb2050e858ca34b495bbe2103e3b3f1391a9c3bcdf215b0bb93bd1', bytes: 7770677 },
    records: 10042,
    localPath: 'hellaswag/hellaswag_val_full.txt.bz2', localDecompressedPath: 'hellaswag/hellaswag_val_full.txt',
    urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  'mt_bench/question': {
    ...FASTCHAT, id: 'mt_bench/question', commit: 'b494d0c6b4e7935f1764f8439e75da3e66beccc7',
    path: 'fastchat/llm_judge/data/mt_bench/question.jsonl',
    sha256: '119565adbab82227089cefdb44c8d7e2cf04dc0a0ec233634c82e7d4e2a944f7', bytes: 48929, records: 80,
    localPath: 'mt_bench/question.jsonl', urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  'mt_bench/reference_gpt4': {
    ...FASTCHAT, id: 'mt_bench/reference_gpt4', commit: 'b494d0c6b4e7935f1764f8439e75da3e66beccc7',
    path: 'fastchat/llm_judge/data/mt_bench/reference_answer/gpt-4.jsonl',
    sha256: 'f957a5bc977badb66885ec970e6cd08527845780313f0995764260e5777b9b3f', bytes: 51109, records: 30,
    localPath: 'mt_bench/reference_answer/gpt-4.jsonl', urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  'mt_bench/judge_prompts': {
    ...FASTCHAT, id: 'mt_bench/judge_prompts', commit: '7ad1d6386288ba1a7862c11feb673425713eea5b',
    path: 'fastchat/llm_judge/data/judge_prompts.jsonl',
    sha256: 'fd283293406d024f44c174b094ef48031d0687a4682fd3a56b29b138f80281b6', bytes: 10449, records: 8,
    localPath: 'mt_bench/judge_prompts.jsonl', urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  // Upstream ships only the .gz; gunzipped locally with zlib.
  'humaneval/test': {
    id: 'humaneval/test', repository: 'openai/human-eval', commit: '463c980b59e818ace59f6f9803cd92c749ceae61',
    path: 'data/HumanEval.jsonl.gz', license: 'MIT',
    sha256: 'b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef', bytes: 44877,
    compression: 'gzip',
    decompressed: { sha256: '1d49078ba3e2b196b9344535bef34a43021f038fad9561d6ee7c53450609a6a2', bytes: 214438 },
    records: 164,
    localPath: 'humaneval/HumanEval.jsonl.gz', localDecompressedPath: 'humaneval/HumanEval.jsonl',
    urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  // Google's MBPP files via mirrors (google-research is too large to pin here); see the MBPP manifest.
  'mbpp/full': {
    ...BENCHMARKER, license: 'CC-BY-4.0', id: 'mbpp/full', path: 'data/mbpp/mbpp.jsonl',
    sha256: '0b5e07b5b40fedd01c57b7c9177b79f8b2eebd72c304c928605d91a7237d2f33', bytes: 563742, records: 974,
    localPath: 'mbpp/mbpp.jsonl', urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  'mbpp/sanitized': {
    id: 'mbpp/sanitized', repository: 'mrigankpawagi/PropertyEval', commit: '4e73775e3824006471d85c9180ebd9cadcbfb4ac',
    path: 'sanitized-mbpp.json', license: 'CC-BY-4.0',
    sha256: '8ac32b2799150228e2d745aed09c870b7e4444246d4727d1004576207ef40769', bytes: 278372, records: 427,
    localPath: 'mbpp/sanitized-mbpp.json', urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  'ifeval/input_data': IFEVAL_INPUT_PIN,
} as const satisfies Record<string, DatasetFilePin>;

/** Id of a pinned dataset file. */
export type DatasetPinId = keyof typeof DATASET_PINS;

/** All pin ids, in registry order. */
export const DATASET_PIN_IDS = Object.keys(DATASET_PINS) as DatasetPinId[];

// Look up a pin by id; undefined for unknown ids.
export function findDatasetPin(id: string): DatasetFilePin | undefined {
  return Object.hasOwn(DATASET_PINS, id) ? DATASET_PINS[id as DatasetPinId] : undefined;
}

/** The run-record form of a pin: the public artifact's repository, commit, path and sha256. */
export function toDatasetPin(pin: DatasetFilePin): DatasetPin {
  return { repository: pin.repository, commit: pin.commit, path: pin.path, sha256: pin.sha256 };
}

/** Public URL of a pin's artifact. @example publicUrl(DATASET_PINS['gsm8k/test']) */
export function publicUrl(pin: DatasetFilePin): string {
  return pin.urlTemplate
    .replaceAll('{repository}', pin.repository)
    .replaceAll('{commit}', pin.commit)
    .replaceAll('{path}', encodeURI(pin.path));
}

/** URL of a pin's artifact on a mirror: `{baseUrl}/{repository}/{commit}/{path}`. */
export function mirrorUrl(baseUrl: string, pin: DatasetFilePin): string {
  return `${baseUrl.replace(/\/+$/, '')}/${pin.repository}/${pin.commit}/${encodeURI(pin.path)}`;
}

/** sha256 and size of the file the cache holds for a pin (decompressed when the artifact is compressed). */
export function cachedFileDigest(pin: DatasetFilePin): { sha256: string; bytes: number } {
  return pin.decompressed ?? { sha256: pin.sha256, bytes: pin.bytes };
}
