import { describe, expect, test } from 'vitest';
import projectConfig from '../../../qwen-evals.config.ts';
import { parseEvalEnv } from '../../../src/shared/config/env.ts';
import { parseEvalConfig } from '../../../src/node/load-config.ts';
import { buildServeArgs, resolveProjectSettings } from '../../../src/node/settings.ts';
import { ConfigError } from '../../../src/shared/errors.ts';

const config = parseEvalConfig(projectConfig);

describe('configuration', () => {
  test('maps the three model keys to their Hugging Face ids', () => {
    expect(Object.fromEntries(Object.entries(config.models).map(([k, m]) => [k, m.id]))).toEqual({
      qwen3_8b: 'Qwen/Qwen2.5-7B-Instruct',
      qwen3_14b: 'Qwen/Qwen2.5-14B-Instruct',
      qwen3_14b_awq: 'Qwen/Qwen2.5-14B-Instruct-AWQ',
    });
  });

  test('passes the balanced preset flags by default and no removed flag', () => {
    const settings = resolveProjectSettings(config, parseEvalEnv({}), 'qwen3_8b');
    const args = buildServeArgs(settings, 41000);
    expect(args.slice(0, 2)).toEqual(['serve', 'Qwen/Qwen2.5-7B-Instruct']);
    expect(args.join(' ')).toContain('--gpu-memory-utilization 0.85 --max-num-seqs 64 --enable-prefix-caching');
    expect(args.join(' ')).not.toMatch(/block-manager|disable-log-requests/);
  });

  test('turns prefix caching off for memory_optimized', () => {
    const settings = resolveProjectSettings(config, parseEvalEnv({ EVAL_PRESET: 'memory_optimized' }), 'qwen3_8b');
    const args = buildServeArgs(settings, 41000).join(' ');
    expect(args).toContain('--gpu-memory-utilization 0.7 --max-num-seqs 32 --no-enable-prefix-caching');
  });

  test('passes awq_marlin for the AWQ model', () => {
    const settings = resolveProjectSettings(config, parseEvalEnv({}), 'qwen3_14b_awq');
    expect(buildServeArgs(settings, 1).join(' ')).toContain('--quantization awq_marlin');
  });

  test('sets the in-flight limit to twice the preset max sequences by default', () => {
    expect(resolveProjectSettings(config, parseEvalEnv({ EVAL_PRESET: 'performance' }), 'qwen3_8b').inFlightLimit).toBe(256);
  });

  test('lets the user lower the in-flight limit', () => {
    expect(resolveProjectSettings(config, parseEvalEnv({ EVAL_MAX_IN_FLIGHT: '8' }), 'qwen3_8b').inFlightLimit).toBe(8);
  });

  test('rejects an unknown preset naming the variable and the choices', () => {
    expect(() => resolveProjectSettings(config, parseEvalEnv({ EVAL_PRESET: 'turbo' }), 'qwen3_8b')).toThrow(
      '`EVAL_PRESET` is "turbo", expected one of "performance", "balanced", "memory_optimized".',
    );
  });

  test('rejects a non-numeric EVAL_LIMIT with the received value', () => {
    expect(() => parseEvalEnv({ EVAL_LIMIT: 'ten' })).toThrow(/EVAL_LIMIT: EVAL_LIMIT must be a positive integer \(received: "ten"\)/);
  });

  test('splits EVAL_BASE_URL into replicas', () => {
    expect(parseEvalEnv({ EVAL_BASE_URL: 'http://a:8000/, http://b:8001' }).EVAL_BASE_URL).toEqual(['http://a:8000', 'http://b:8001']);
  });

  test('treats an empty variable as unset', () => {
    expect(parseEvalEnv({ EVAL_PRESET: '  ' }).EVAL_PRESET).toBeUndefined();
  });

  test('rejects a typo in a preset key with its path', () => {
    const bad = { ...projectConfig, presets: { balanced: { gpuMemoryUtilization: 0.85, maxNumSeqs: 64, prefixCaching: true, maxNumSeq: 3 } } };
    expect(() => parseEvalConfig(bad)).toThrow(ConfigError);
    expect(() => parseEvalConfig(bad)).toThrow(/presets\.balanced: Unrecognized key: "maxNumSeq"/);
  });

  test('rejects a GPU memory utilization above 1 with the received value', () => {
    const bad = { ...projectConfig, presets: { balanced: { gpuMemoryUtilization: 1.5, maxNumSeqs: 64, prefixCaching: true } } };
    expect(() => parseEvalConfig(bad)).toThrow(/presets\.balanced\.gpuMemoryUtilization: .*\(received: 1\.5\)/);
  });

  test('rejects thresholds for a model that does not exist', () => {
    expect(() => parseEvalConfig({ ...projectConfig, thresholds: { qwen9: {} } })).toThrow('`thresholds.qwen9` names no model');
  });
});
