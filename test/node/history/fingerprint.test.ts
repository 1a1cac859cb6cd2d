import { describe, expect, test } from 'vitest';
import {
  compareFingerprints,
  computeFingerprint,
  type FingerprintParts,
  fingerprintPartsOf,
  isScoreChangingKey,
} from '../../../src/shared/history/fingerprint.ts';
import { makeDataset, makeRun } from '../tracker/fixtures.ts';

function parts(overrides: Partial<FingerprintParts> = {}): FingerprintParts {
  return {
    model: { id: 'Qwen/Qwen2.5-7B-Instruct', revision: 'rev1', quantization: null },
    reasoning: null,
    ropeScaling: null,
    simulation: null,
    preset: 'default',
    serverCommand: ['vllm', 'serve', 'Qwen/Qwen2.5-7B-Instruct', '--port', '8123', '--max-num-seqs', '64'],
    vllmVersion: '0.21.0',
    gpuName: 'NVIDIA H100',
    quantizationKernel: 'none',
    sampling: { temperature: 0, topP: 1, seed: 0, maxTokens: 2048 },
    harnessVersion: '0.1.0',
    datasets: { 'gsm8k/0shot': { promptHash: 'p1', pins: [{ repository: 'r', commit: 'c', path: 'x', sha256: 's1' }], judgeModel: null } },
    ...overrides,
  };
}

describe('computeFingerprint', () => {
  test('records every comparability key', () => {
    expect(Object.keys(computeFingerprint(parts()).fingerprint).sort()).toEqual([
      'dataset.gsm8k/0shot',
      'harness.major',
      'harness.version',
      'judge.gsm8k/0shot',
      'model.id',
      'model.quantization',
      'model.revision',
      'model.thinking',
      'preset',
      'prompt.gsm8k/0shot',
      'sampling.maxTokens',
      'sampling.seed',
      'sampling.temperature',
      'sampling.topP',
      'server.flags',
      'server.gpu',
      'server.quantizationKernel',
      'server.vllmVersion',
      'simulated',
    ]);
  });

  test('the quantization kernel is recorded, and a slow kernel changes speed, not the comparability of scores', () => {
    const marlin = computeFingerprint(parts({ quantizationKernel: 'awq_marlin' }));
    const plain = computeFingerprint(parts({ quantizationKernel: 'awq' }));
    expect(plain.fingerprint['server.quantizationKernel']).toBe('awq');
    expect(plain.hash).not.toBe(marlin.hash);
    expect(compareFingerprints(marlin.fingerprint, plain.fingerprint)).toEqual({
      comparable: true,
      differences: [{ key: 'server.quantizationKernel', a: 'awq_marlin', b: 'awq', changesScores: false }],
    });
  });

  test("simulated vs real and a reasoning model's thinking switch change scores; two simulation modes do not", () => {
    const base = computeFingerprint(parts()).fingerprint;
    const gold = computeFingerprint(parts({ simulation: 'gold' })).fingerprint;
    expect(compareFingerprints(gold, computeFingerprint(parts({ simulation: 'mix:0.9' })).fingerprint).comparable).toBe(true);
    const thinking = computeFingerprint(parts({ reasoning: { parser: 'qwen3', thinking: true } })).fingerprint;
    const quiet = computeFingerprint(parts({ reasoning: { parser: 'qwen3', thinking: false } })).fingerprint;
    expect(compareFingerprints(base, gold).comparable).toBe(false);
    expect(compareFingerprints(thinking, quiet)).toMatchObject({
      comparable: false,
      differences: [{ key: 'model.thinking', a: 'qwen3:on', b: 'qwen3:off' }],
    });
  });

  test('gives a 64-hex-digit hash that is stable across calls', () => {
    const { hash } = computeFingerprint(parts());
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(computeFingerprint(parts()).hash).toBe(hash);
  });

  test('ignores the port, host and model path of the server command', () => {
    const other = parts({ serverCommand: ['/opt/vllm', 'serve', '/models/q', '--host', '0.0.0.0', '--port=9000', '--max-num-seqs', '64'] });
    expect(computeFingerprint(other).hash).toBe(computeFingerprint(parts()).hash);
    expect(computeFingerprint(other).fingerprint['server.flags']).toBe('--max-num-seqs 64');
  });

  test('changes the hash when the prompt template changes', () => {
    const changed = parts({ datasets: { 'gsm8k/0shot': { promptHash: 'p2', pins: [], judgeModel: null } } });
    expect(computeFingerprint(changed).hash).not.toBe(computeFingerprint(parts()).hash);
  });

  test('treats 0.x minor versions as the major version of the harness', () => {
    expect(computeFingerprint(parts({ harnessVersion: '0.3.2' })).fingerprint['harness.major']).toBe('0.3');
    expect(computeFingerprint(parts({ harnessVersion: '2.1.0' })).fingerprint['harness.major']).toBe('2');
  });

  test('derives the same parts from a run record as were used to build it', () => {
    const run = makeRun({ datasets: [makeDataset({ scores: [1, 0], judge: 'Qwen/judge' })] });
    expect(computeFingerprint(fingerprintPartsOf(run)).fingerprint['judge.gsm8k/0shot']).toBe('Qwen/judge');
  });
});

describe('compareFingerprints', () => {
  const base = computeFingerprint(parts()).fingerprint;

  test('finds identical fingerprints comparable with no differences', () => {
    expect(compareFingerprints(base, { ...base })).toEqual({ comparable: true, differences: [] });
  });

  test('keeps runs on another GPU, preset or vLLM version comparable but lists the differences', () => {
    const other = { ...base, 'server.gpu': 'NVIDIA A100', preset: 'throughput', 'server.vllmVersion': '0.22.0' };
    const result = compareFingerprints(base, other);
    expect(result.comparable).toBe(true);
    expect(result.differences.map((d) => [d.key, d.changesScores])).toEqual([
      ['preset', false],
      ['server.gpu', false],
      ['server.vllmVersion', false],
    ]);
  });

  test('makes a different model revision incomparable', () => {
    const result = compareFingerprints(base, { ...base, 'model.revision': 'rev2' });
    expect(result.comparable).toBe(false);
    expect(result.differences).toEqual([{ key: 'model.revision', a: 'rev1', b: 'rev2', changesScores: true }]);
  });

  test('makes a different sampling temperature incomparable', () => {
    expect(compareFingerprints(base, { ...base, 'sampling.temperature': 0.7 }).comparable).toBe(false);
  });

  test('skips datasets that only one run evaluated', () => {
    const more = { ...base, 'prompt.ifeval/default': 'x', 'dataset.ifeval/default': 'y', 'judge.ifeval/default': null };
    expect(compareFingerprints(base, more)).toEqual({ comparable: true, differences: [] });
  });

  test('restricts per-dataset keys to the datasets asked for', () => {
    const a = { ...base, 'prompt.ifeval/default': 'x' };
    const b = { ...base, 'prompt.ifeval/default': 'changed' };
    expect(compareFingerprints(a, b).comparable).toBe(false);
    expect(compareFingerprints(a, b, { datasets: ['gsm8k/0shot'] }).comparable).toBe(true);
  });

  test('treats a global key missing from an older record as a difference', () => {
    const { 'model.quantization': _drop, ...older } = base;
    const result = compareFingerprints(older, { ...base, 'model.quantization': 'awq' });
    expect(result.differences).toEqual([{ key: 'model.quantization', a: null, b: 'awq', changesScores: true }]);
  });

  test('classifies keys as score-changing or performance-only', () => {
    for (const key of ['model.id', 'model.quantization', 'prompt.x', 'dataset.x', 'judge.x', 'sampling.seed', 'harness.major']) {
      expect(isScoreChangingKey(key), key).toBe(true);
    }
    for (const key of ['preset', 'server.flags', 'server.vllmVersion', 'server.gpu', 'harness.version']) {
      expect(isScoreChangingKey(key), key).toBe(false);
    }
  });
});
