import { PUBLIC_URL_TEMPLATE, type DatasetFilePin } from '../../shared/datasets/pins.ts';

// Pinned public files of mt_bench, copied from shared/datasets/mt_bench/MANIFEST.md; never put dataset contents here.

const FASTCHAT = { repository: 'lm-sys/FastChat', license: 'Apache-2.0' };

export const MT_BENCH_PINS = {
  'mt_bench/question': {
    ...FASTCHAT,
    id: 'mt_bench/question',
    commit: 'b494d0c6b4e7935f1764f8439e75da3e66beccc7',
    path: 'fastchat/llm_judge/data/mt_bench/question.jsonl',
    sha256: '119565adbab82227089cefdb44c8d7e2cf04dc0a0ec233634c82e7d4e2a944f7',
    bytes: 48929,
    records: 80,
    localPath: 'mt_bench/question.jsonl',
    urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  'mt_bench/reference_gpt4': {
    ...FASTCHAT,
    id: 'mt_bench/reference_gpt4',
    commit: 'b494d0c6b4e7935f1764f8439e75da3e66beccc7',
    path: 'fastchat/llm_judge/data/mt_bench/reference_answer/gpt-4.jsonl',
    sha256: 'f957a5bc977badb66885ec970e6cd08527845780313f0995764260e5777b9b3f',
    bytes: 51109,
    records: 30,
    localPath: 'mt_bench/reference_answer/gpt-4.jsonl',
    urlTemplate: PUBLIC_URL_TEMPLATE,
  },
  'mt_bench/judge_prompts': {
    ...FASTCHAT,
    id: 'mt_bench/judge_prompts',
    commit: '7ad1d6386288ba1a7862c11feb673425713eea5b',
    path: 'fastchat/llm_judge/data/judge_prompts.jsonl',
    sha256: 'fd283293406d024f44c174b094ef48031d0687a4682fd3a56b29b138f80281b6',
    bytes: 10449,
    records: 8,
    localPath: 'mt_bench/judge_prompts.jsonl',
    urlTemplate: PUBLIC_URL_TEMPLATE,
  },
} as const satisfies Record<string, DatasetFilePin>;
