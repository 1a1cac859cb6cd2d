import { readFileSync } from 'node:fs';
import { describe, expect, test, vi } from 'vitest';
import projectConfig from '../../../qwen-evals.config.ts';
import { EvalEnvSchema, parseEvalEnv } from '../../../src/shared/config/env.ts';
import { parseEvalConfig } from '../../../src/node/load-config.ts';
import { buildServeArgs, checkThinkingSwitch, resolveProjectSettings } from '../../../src/node/settings.ts';
import { ConfigError } from '../../../src/shared/errors.ts';
import { withEvals } from '../../../src/config.ts';

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

  test("accepts EVAL_BASE_URL with the OpenAI SDK's trailing /v1, and without", () => {
    expect(parseEvalEnv({ EVAL_BASE_URL: 'http://gpu-box:8000/v1' }).EVAL_BASE_URL).toEqual(['http://gpu-box:8000']);
    expect(parseEvalEnv({ EVAL_BASE_URL: 'http://a:8000/v1/, http://b:8000' }).EVAL_BASE_URL).toEqual(['http://a:8000', 'http://b:8000']);
  });

  test('treats an empty variable as unset', () => {
    expect(parseEvalEnv({ EVAL_PRESET: '  ' }).EVAL_PRESET).toBeUndefined();
  });

  test('rejects a typo in a preset key with its path', () => {
    const bad = {
      ...projectConfig,
      presets: { balanced: { gpuMemoryUtilization: 0.85, maxNumSeqs: 64, prefixCaching: true, maxNumSeq: 3 } },
    };
    expect(() => parseEvalConfig(bad)).toThrow(ConfigError);
    expect(() => parseEvalConfig(bad)).toThrow(/presets\.balanced: Unrecognized key: "maxNumSeq"/);
  });

  test('names an unknown key without printing the whole object that holds it', () => {
    expect(() => parseEvalConfig({ ...projectConfig, colour: 1 })).toThrow(/\n {2}- \(root\): Unrecognized key: "colour"$/);
  });

  test('rejects a GPU memory utilization above 1 with the received value', () => {
    const bad = { ...projectConfig, presets: { balanced: { gpuMemoryUtilization: 1.5, maxNumSeqs: 64, prefixCaching: true } } };
    expect(() => parseEvalConfig(bad)).toThrow(/presets\.balanced\.gpuMemoryUtilization: .*\(received: 1\.5\)/);
  });

  test('passes the reasoning model’s parser to vllm serve as --reasoning-parser', () => {
    const reasoning = parseEvalConfig({ models: { qwen3_4b: { id: 'Qwen/Qwen3-4B', reasoning: { parser: 'qwen3' } } } });
    const args = buildServeArgs(resolveProjectSettings(reasoning, parseEvalEnv({}), 'qwen3_4b'), 1);
    expect(args.join(' ')).toContain('--reasoning-parser qwen3');
  });

  test('EVAL_THINKING switches thinking over the config, and the config decides without it', () => {
    const reasoning = parseEvalConfig({ models: { qwen3_4b: { id: 'Qwen/Qwen3-4B', reasoning: { parser: 'qwen3', thinking: false } } } });
    const thinking = (env: Record<string, string>) => resolveProjectSettings(reasoning, parseEvalEnv(env), 'qwen3_4b').reasoning;
    expect(thinking({})).toEqual({ parser: 'qwen3', thinking: false });
    expect(thinking({ EVAL_THINKING: 'on' })).toEqual({ parser: 'qwen3', thinking: true });
    expect(resolveProjectSettings(config, parseEvalEnv({ EVAL_THINKING: 'off' }), 'qwen3_8b').reasoning).toBeNull();
  });

  test('rejects an EVAL_THINKING other than on or off with the received value', () => {
    expect(() => parseEvalEnv({ EVAL_THINKING: 'yes' })).toThrow(/EVAL_THINKING: EVAL_THINKING must be on or off \(received: "yes"\)/);
  });

  test('rejects EVAL_THINKING when no model is a reasoning model, saying how to make one', () => {
    expect(() => checkThinkingSwitch(config, parseEvalEnv({ EVAL_THINKING: 'off' }))).toThrow(
      /`EVAL_THINKING` is "off", but no model in the config is a reasoning model; give the model `reasoning: \{ parser: 'qwen3' \}`/,
    );
  });

  test('refuses a wrong or pointless EVAL_THINKING when the config loads, before anything starts', () => {
    const plain = { models: { m: { id: 'Qwen/Qwen2.5-7B-Instruct' } } };
    try {
      vi.stubEnv('EVAL_THINKING', 'maybe');
      expect(() => withEvals(plain)).toThrow('EVAL_THINKING must be on or off (received: "maybe")');
      vi.stubEnv('EVAL_THINKING', 'on');
      expect(() => withEvals(plain)).toThrow('no model in the config is a reasoning model');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test('refuses a bad dataset variable when the config loads, before anything starts', () => {
    const plain = { models: { m: { id: 'Qwen/Qwen2.5-7B-Instruct' } } };
    try {
      vi.stubEnv('EVAL_OFFLINE', 'maybe');
      vi.stubEnv('EVAL_DATASET_BASE_URL', 'mirror.internal');
      expect(() => withEvals(plain)).toThrow(
        /EVAL_DATASET_BASE_URL: EVAL_DATASET_BASE_URL must be an http\(s\) URL \(received: "mirror.internal"\)\n.*EVAL_OFFLINE: EVAL_OFFLINE must be 1 or 0 \(received: "maybe"\)/,
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test("the README's environment table lists every variable the harness reads, and no other", () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('Environment (precedence'), readme.indexOf('### Reasoning models'));
    const documented = [...new Set([...table.matchAll(/^\|[^|]*/gm)].flatMap((row) => row[0].match(/EVAL_[A-Z_]+/g) ?? []))];
    expect(documented.sort()).toEqual(Object.keys(EvalEnvSchema.shape).sort());
  });

  test('rejects a reasoning parser vLLM does not know, listing the ones it does', () => {
    expect(() => parseEvalConfig({ models: { m: { id: 'Qwen/Qwen3-4B', reasoning: { parser: 'qwen' } } } })).toThrow(
      /models\.m\.reasoning\.parser: expected a vLLM v0\.21 reasoning parser \(.*deepseek_r1.*qwen3.*\)/,
    );
  });

  test('rejects thresholds for a model that does not exist', () => {
    expect(() => parseEvalConfig({ ...projectConfig, thresholds: { qwen9: {} } })).toThrow('thresholds.qwen9: names no model');
  });
});

describe('thresholds checked against the registry of datasets and metrics', () => {
  const withThreshold = (key: string, metric: string, value: number) => ({
    ...projectConfig,
    thresholds: { qwen3_8b: { [key]: { [metric]: value } } },
  });

  test('a percentage given for a proportion names the path, the range and the value, and suggests the share', () => {
    expect(() => parseEvalConfig(withThreshold('gsm8k/0shot', 'strict', 85))).toThrow(
      'thresholds.qwen3_8b.gsm8k/0shot.strict: expected a number in [0, 1], received 85 (a proportion: did you mean 0.85?)',
    );
  });

  test('a value above one on a proportion is rejected', () => {
    expect(() => parseEvalConfig(withThreshold('gsm8k/0shot', 'strict', 1.5))).toThrow(
      /gsm8k\/0shot\.strict: expected a number in \[0, 1\], received 1\.5/,
    );
  });

  test('a graded metric takes its own range (MT-Bench 1-10)', () => {
    expect(parseEvalConfig(withThreshold('mt_bench/single', 'score', 7.5)).thresholds.qwen3_8b).toEqual({
      'mt_bench/single': { score: 7.5 },
    });
    expect(() => parseEvalConfig(withThreshold('mt_bench/single', 'score', 0.5))).toThrow(/expected a number in \[1, 10\], received 0\.5/);
  });

  test("a misspelled metric lists the dataset's metrics", () => {
    expect(() => parseEvalConfig(withThreshold('gsm8k/0shot', 'strcit', 0.8))).toThrow(
      'gsm8k/0shot has no metric "strcit"; expected one of "strict", "flexible"',
    );
  });

  test('an unknown dataset key is an error, not a silently missing gate', () => {
    expect(() => parseEvalConfig(withThreshold('gsm8k/zeroshot', 'strict', 0.8))).toThrow(
      /thresholds\.qwen3_8b\.gsm8k\/zeroshot: names no built-in dataset key; expected one of .*"gsm8k\/0shot"/,
    );
  });

  test('every problem is reported at once', () => {
    const bad = { ...projectConfig, thresholds: { qwen3_8b: { 'gsm8k/0shot': { strict: 85, flexible: 90 } } } };
    expect(() => parseEvalConfig(bad)).toThrow(/strict: .*received 85[\s\S]*flexible: .*received 90/);
  });

  test('a variant the dataset does not have is an error naming the variants it has', () => {
    expect(() => parseEvalConfig({ ...projectConfig, variants: { gsm8k: ['5shot'] } })).toThrow(
      'variants.gsm8k.0: expected one of "0shot", "8shot", received "5shot"',
    );
  });

  test('an unknown built-in dataset in evals.builtins is an error', () => {
    expect(() => parseEvalConfig({ ...projectConfig, evals: { builtins: ['gsm9k'] } })).toThrow(
      /evals\.builtins\.0: expected a built-in dataset .*received "gsm9k"/,
    );
  });
});
