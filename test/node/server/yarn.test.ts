import { describe, expect, test } from 'vitest';
import type { ModelConfig, PresetConfig } from '../../../src/shared/config/schema.ts';
import { buildServeArgs } from '../../../src/node/settings.ts';
import { compareFingerprints, computeFingerprint, fingerprintPartsOf } from '../../../src/shared/history/fingerprint.ts';
import { readRopeScaling } from '../../../src/shared/records/rope-scaling.ts';
import { makeRun } from '../tracker/fixtures.ts';

const PRESET: PresetConfig = { gpuMemoryUtilization: 0.85, maxNumSeqs: 64, prefixCaching: true, extraArgs: [] };
const QWEN: ModelConfig = { id: 'Qwen/Qwen2.5-7B-Instruct', contextLength: 32768, extraArgs: [] };
const YARN_JSON = '{"rope_parameters":{"rope_type":"yarn","factor":4.0,"original_max_position_embeddings":32768}}';

function launch(model: ModelConfig, contextTokens: number, preset = PRESET): string[] {
  return buildServeArgs({ model, preset }, 8000, { contextTokens });
}

describe('YaRN in the launch command', () => {
  test("passes vLLM v0.21's RoPE override and a 131072-token context when the run needs more than a 32K model's own", () => {
    const args = launch(QWEN, 131072);
    expect(args.slice(args.indexOf('--hf-overrides'), args.indexOf('--hf-overrides') + 2)).toEqual(['--hf-overrides', YARN_JSON]);
    expect(args.slice(args.indexOf('--max-model-len'), args.indexOf('--max-model-len') + 2)).toEqual(['--max-model-len', '131072']);
    expect(args.join(' ')).not.toContain('--rope-scaling');
  });

  test("leaves the model's RoPE alone when every length fits its context", () => {
    for (const tokens of [0, 4096, 32768]) expect(launch(QWEN, tokens).join(' ')).not.toMatch(/hf-overrides|max-model-len|rope/);
  });

  test('does not scale a model whose native context is unknown or is not 32K, nor over a configured --hf-overrides', () => {
    expect(launch({ ...QWEN, contextLength: undefined }, 65536).join(' ')).not.toContain('--hf-overrides');
    expect(launch({ ...QWEN, contextLength: 131072 }, 131072).join(' ')).not.toContain('--hf-overrides');
    const own = { ...QWEN, extraArgs: ['--hf-overrides', '{"rope_parameters":{"rope_type":"dynamic","factor":2.0}}'] };
    expect(launch(own, 65536).filter((a) => a === '--hf-overrides')).toHaveLength(1);
  });

  test("keeps the model's configured --max-model-len as YaRN's bound", () => {
    const args = launch({ ...QWEN, maxModelLen: 65536 }, 65536);
    expect(args.filter((a) => a === '--max-model-len')).toHaveLength(1);
    expect(args[args.indexOf('--max-model-len') + 1]).toBe('65536');
  });

  test('is read back from the launch command into the run record, and makes runs with and without it incomparable', () => {
    const command = ['vllm', ...launch(QWEN, 131072)];
    const rope = readRopeScaling(command);
    expect(rope).toEqual({ type: 'yarn', factor: 4, originalMaxPositionEmbeddings: 32768 });
    const plain = makeRun({});
    const scaled = { ...plain, server: { ...plain.server, command, ropeScaling: rope } };
    const a = computeFingerprint(fingerprintPartsOf(plain)).fingerprint;
    const b = computeFingerprint(fingerprintPartsOf(scaled)).fingerprint;
    expect(b['model.rope']).toBe('yarn x4 from 32768');
    const comparison = compareFingerprints(a, b);
    expect(comparison.comparable).toBe(false);
    expect(comparison.differences.find((d) => d.key === 'model.rope')).toMatchObject({ a: null, changesScores: true });
  });
});
