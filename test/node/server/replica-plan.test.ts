import { describe, expect, test } from 'vitest';
import { parseEvalConfig } from '../../../src/node/load-config.ts';
import { buildServeArgs, resolveProjectSettings } from '../../../src/node/settings.ts';
import { parseEvalEnv } from '../../../src/shared/config/env.ts';
import type { EvalConfigInput } from '../../../src/shared/config/schema.ts';

const ID = 'Qwen/Qwen2.5-14B-Instruct';

function settingsOf(input: EvalConfigInput, env: Record<string, string> = {}) {
  return resolveProjectSettings(parseEvalConfig(input), parseEvalEnv(env), 'm');
}

describe('scale-out settings', () => {
  test("a model's tensor and data parallel sizes become vLLM's own flags", () => {
    const settings = settingsOf({ models: { m: { id: ID, tensorParallelSize: 2, dataParallelSize: 2, gpus: [0, 1, 2, 3] } } });
    expect(buildServeArgs(settings, 1).join(' ')).toContain('--tensor-parallel-size 2 --data-parallel-size 2');
  });

  test("a preset's sizes apply to every model, and a model's own sizes win", () => {
    const presets = { wide: { gpuMemoryUtilization: 0.9, maxNumSeqs: 64, prefixCaching: true, tensorParallelSize: 4 } };
    expect(settingsOf({ models: { m: { id: ID } }, presets, defaultPreset: 'wide' }).parallel.tensorParallelSize).toBe(4);
    expect(
      settingsOf({ models: { m: { id: ID, tensorParallelSize: 2 } }, presets, defaultPreset: 'wide' }).parallel.tensorParallelSize,
    ).toBe(2);
  });

  test('sizes of 1 pass no parallel flag', () => {
    expect(buildServeArgs(settingsOf({ models: { m: { id: ID } } }), 1).join(' ')).not.toContain('parallel-size');
  });

  test('replicas each get consecutive GPUs of the list', () => {
    const settings = settingsOf({ models: { m: { id: ID, tensorParallelSize: 2, replicas: 2, gpus: [4, 5, 6, 7] } } });
    expect(settings.replicas).toEqual([
      { index: 0, gpus: [4, 5] },
      { index: 1, gpus: [6, 7] },
    ]);
  });

  test('replicas without a GPU list take GPUs 0, 1, ... in order; one replica keeps the machine default', () => {
    expect(settingsOf({ models: { m: { id: ID, replicas: 2 } } }).replicas.map((r) => r.gpus)).toEqual([[0], [1]]);
    expect(settingsOf({ models: { m: { id: ID } } }).replicas).toEqual([{ index: 0, gpus: null }]);
  });

  test('the in-flight limit grows with data-parallel engines and replicas', () => {
    // balanced: 64 sequences x inFlightFactor 2 per engine
    expect(settingsOf({ models: { m: { id: ID, replicas: 2, dataParallelSize: 2 } } }).inFlightLimit).toBe(64 * 2 * 2 * 2);
  });

  test('each EVAL_BASE_URL replica counts as one engine of the preset', () => {
    expect(settingsOf({ models: { m: { id: ID } } }, { EVAL_BASE_URL: 'http://a:8000,http://b:8000' }).inFlightLimit).toBe(64 * 2 * 2);
  });

  test('a GPU list that does not fit the sizes is refused at config load, naming the counts and the preset', () => {
    expect(() => parseEvalConfig({ models: { m: { id: ID, tensorParallelSize: 2, replicas: 2, gpus: [0, 1] } } })).toThrow(
      'models.m.gpus: expected 4 GPU(s) for tensorParallelSize 2 x dataParallelSize 1 x replicas 2 (preset "performance"), received 2 (0, 1); list that many GPUs, or change the sizes',
    );
  });

  test('a GPU listed twice is refused', () => {
    expect(() => parseEvalConfig({ models: { m: { id: ID, replicas: 2, gpus: [0, 0] } } })).toThrow(
      'models.m.gpus: lists a GPU twice (0, 0)',
    );
  });
});
