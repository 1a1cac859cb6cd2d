import { describe, expect, test } from 'vitest';
import projectConfig from '../../../qwen-evals.config.ts';
import { parseEvalConfig } from '../../../src/node/load-config.ts';
import { buildServeArgs, resolveProjectSettings } from '../../../src/node/settings.ts';
import { parseEvalEnv } from '../../../src/shared/config/env.ts';
import { compareFingerprints } from '../../../src/shared/history/fingerprint.ts';

// The launcher's tool-calling flags: added when a selected built-in variant asks with `tools` (declared in the
// registry), with the model's parser (default hermes for Qwen2.5), validated, and part of the fingerprint.

const TOOL_FLAGS = '--enable-auto-tool-choice --tool-call-parser';
const LLAMA = { id: 'meta-llama/Llama-3.1-8B-Instruct' };

function serveArgs(config: unknown, modelKey = 'qwen3_8b'): string {
  return buildServeArgs(resolveProjectSettings(parseEvalConfig(config), parseEvalEnv({}), modelKey), 41000).join(' ');
}

describe('tool-calling flags of the launched server', () => {
  test('a run with BFCL in tools mode starts Qwen2.5 with the hermes parser', () => {
    expect(serveArgs(projectConfig)).toContain(`${TOOL_FLAGS} hermes`);
  });

  test('a run without a suite that calls tools gets no tool flags and no parser', () => {
    const config = parseEvalConfig({ ...projectConfig, evals: { builtins: ['gsm8k'] } });
    const settings = resolveProjectSettings(config, parseEvalEnv({}), 'qwen3_8b');
    expect(settings.toolCallParser).toBeNull();
    expect(buildServeArgs(settings, 1).join(' ')).not.toContain('--enable-auto-tool-choice');
  });

  test('BFCL asked only with its own Qwen prompt (raw completions) needs no tool parser', () => {
    expect(serveArgs({ ...projectConfig, variants: { bfcl: ['simple_python.qwen_text'] } })).not.toContain('--tool-call-parser');
  });

  test("a model's own parser is used", () => {
    const config = { ...projectConfig, models: { ...projectConfig.models, llama: { ...LLAMA, toolCallParser: 'llama3_json' } } };
    expect(serveArgs(config, 'llama')).toContain(`${TOOL_FLAGS} llama3_json`);
  });

  test('a model without a default parser must name one when a suite calls tools', () => {
    expect(() => parseEvalConfig({ ...projectConfig, models: { ...projectConfig.models, llama: LLAMA } })).toThrow(
      /models\.llama\.toolCallParser: the selected suites call tools and meta-llama\/Llama-3\.1-8B-Instruct has no default parser/,
    );
    expect(() =>
      parseEvalConfig({ ...projectConfig, evals: { builtins: ['gsm8k'] }, models: { ...projectConfig.models, llama: LLAMA } }),
    ).not.toThrow();
  });

  test("a parser vLLM does not know is rejected with vLLM's list, unless a plugin provides it", () => {
    const withParser = (model: object) => ({
      ...projectConfig,
      models: { ...projectConfig.models, qwen3_8b: { ...projectConfig.models.qwen3_8b, ...model } },
    });
    expect(() => parseEvalConfig(withParser({ toolCallParser: 'hermes2' }))).toThrow(
      /models\.qwen3_8b\.toolCallParser: expected one of vLLM v0\.21's tool parsers \(.*"hermes".*\), received "hermes2"/,
    );
    expect(() => parseEvalConfig(withParser({ toolCallParser: 'hermes2', extraArgs: ['--tool-parser-plugin', '/p.py'] }))).not.toThrow();
  });

  test('tool flags in extraArgs are rejected in favour of toolCallParser', () => {
    const config = {
      ...projectConfig,
      models: { ...projectConfig.models, qwen3_8b: { ...projectConfig.models.qwen3_8b, extraArgs: ['--tool-call-parser=hermes'] } },
    };
    expect(() => parseEvalConfig(config)).toThrow(
      /models\.qwen3_8b\.extraArgs: remove the tool-calling flags; set `models\.qwen3_8b\.toolCallParser` instead/,
    );
  });

  test('runs whose answers went through different tool parsers are not compared', () => {
    const { differences, comparable } = compareFingerprints(
      { 'tools.bfcl/simple_python': 'hermes' },
      { 'tools.bfcl/simple_python': 'llama3_json' },
    );
    expect(differences.map((d) => d.key)).toEqual(['tools.bfcl/simple_python']);
    expect(comparable).toBe(false);
  });
});
