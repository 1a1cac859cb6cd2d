// A fixture history: several models and presets, a partial watch re-run, an interrupted run and a simulated run.
import type { RunRecord } from '../../../src/shared/records/run-record.ts';
import type { TrackerConfig } from '../../../src/node/tracker/model.ts';
import { binaryScores, makeDataset, makeRun } from './fixtures.ts';

export const config: TrackerConfig = {
  models: [
    { key: 'qwen2_5_7b', id: 'Qwen/Qwen2.5-7B-Instruct', sizeB: 7.6, contextLength: 32768, license: 'Apache-2.0' },
    { key: 'qwen2_5_14b', id: 'Qwen/Qwen2.5-14B-Instruct', sizeB: 14.7, contextLength: 32768, license: 'Apache-2.0' },
    {
      key: 'qwen2_5_14b_awq',
      id: 'Qwen/Qwen2.5-14B-Instruct-AWQ',
      sizeB: 14.7,
      contextLength: 32768,
      license: 'Apache-2.0',
      quantization: 'awq',
    },
    { key: 'qwen3_8b', id: 'Qwen/Qwen3-8B', sizeB: 8.2, contextLength: 32768, license: 'Apache-2.0' },
  ],
  presets: [
    { name: 'default', gpuMemoryUtilization: 0.9, maxNumSeqs: 64, prefixCaching: true },
    { name: 'throughput', gpuMemoryUtilization: 0.95, maxNumSeqs: 256, prefixCaching: true },
  ],
};

const gsm8k = (correct: number, extra: { promptHash?: string } = {}) =>
  makeDataset({ scores: binaryScores(100, correct), datasetSize: 1319, unparseable: 3, ...extra });
const humaneval = (correct: number) =>
  makeDataset({ dataset: 'humaneval', variant: 'base', metric: 'pass@1', scores: binaryScores(164, correct), datasetSize: 164 });

const m14 = { modelKey: 'qwen2_5_14b', modelId: 'Qwen/Qwen2.5-14B-Instruct' };
const awq = { modelKey: 'qwen2_5_14b_awq', modelId: 'Qwen/Qwen2.5-14B-Instruct-AWQ', quantization: 'awq' };

export const r1 = makeRun({
  runId: 'r1-7b-default',
  startedAt: '2026-11-27T10:00:00.000Z',
  datasets: [gsm8k(90), humaneval(139)],
  gates: [
    {
      kind: 'threshold',
      dataset: 'humaneval/base',
      metric: 'pass@1',
      passed: false,
      score: 0.848,
      threshold: 0.85,
      ci: null,
      message: 'humaneval below',
    },
  ],
});
export const r2 = makeRun({
  runId: 'r2-7b-throughput',
  startedAt: '2026-11-27T11:00:00.000Z',
  preset: 'throughput',
  datasets: [gsm8k(89, { promptHash: 'edited-prompt' }), humaneval(139)],
  performance: { outputTokensPerSec: 2500, gpuMemoryMiB: null },
});
export const r3 = makeRun({ runId: 'r3-14b-default', startedAt: '2026-11-27T12:00:00.000Z', ...m14, datasets: [gsm8k(94)] });
export const r4 = makeRun({ runId: 'r4-14b-awq-default', startedAt: '2026-11-27T13:00:00.000Z', ...awq, datasets: [gsm8k(93)] });
/** Watch-mode re-run of gsm8k only: replaces gsm8k of r1, keeps humaneval from r1. */
export const r5 = makeRun({
  runId: 'r5-7b-default-watch',
  startedAt: '2026-11-27T14:00:00.000Z',
  datasets: [gsm8k(92)],
  performance: { outputTokensPerSec: 1200 },
  gates: [
    { kind: 'threshold', dataset: 'gsm8k/0shot', metric: 'strict', passed: true, score: 0.92, threshold: 0.85, ci: null, message: 'ok' },
  ],
});
/** Interrupted: listed in the changelog, never merged. */
export const r6 = makeRun({
  runId: 'r6-7b-default-interrupted',
  startedAt: '2026-11-27T15:00:00.000Z',
  status: 'interrupted',
  datasets: [gsm8k(5)],
});
/** Simulated: its own section, labelled. */
export const r7 = makeRun({
  runId: 'r7-7b-default-simulated',
  startedAt: '2026-11-27T16:00:00.000Z',
  simulation: 'gold',
  datasets: [gsm8k(50)],
});

export const history: RunRecord[] = [r7, r3, r1, r6, r2, r5, r4];
