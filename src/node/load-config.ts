import { BUILTIN_DATASETS, builtinMetricsByKey, findBuiltin, needsToolCalling, resolveVariants } from '../evals/registry.ts';
import { EvalConfigSchema, type EvalConfig } from '../shared/config/schema.ts';
import { defaultToolCallParser, VLLM_TOOL_CALL_PARSERS } from '../shared/config/tool-call-parsers.ts';
import { ConfigError } from '../shared/errors.ts';
import { formatZodIssues } from '../shared/format-zod-issues.ts';
import { checkGpuCount, resolveParallelism } from './server/replica-plan.ts';

// Validate a config object once, at the boundary (when vitest.config.ts loads, before any server starts): the
// schema, then what only the registry of built-in datasets knows (dataset keys, variants, metrics and their ranges).
// Every problem is reported at once, each naming its path, what was expected and what came.

export function parseEvalConfig(input: unknown, source = 'qwen-evals.config.ts'): EvalConfig {
  const result = EvalConfigSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(`Invalid configuration in ${source}:\n${formatZodIssues(result.error, input)}`, { cause: result.error });
  }
  const config = result.data;
  const problems = [
    ...checkReferences(config),
    ...checkGpus(config),
    ...checkEvals(config),
    ...checkThresholds(config),
    ...checkToolCalling(config),
  ];
  if (problems.length) throw new ConfigError(`Invalid configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return config;
}

/** `"a", "b"`: the keys of a record, quoted, for messages. */
export function listKeys(record: Record<string, unknown> | readonly string[]): string {
  return (Array.isArray(record) ? record : Object.keys(record)).map((k) => `"${k}"`).join(', ');
}

function checkReferences(config: EvalConfig): string[] {
  const problems: string[] = [];
  if (!(config.defaultPreset in config.presets)) {
    problems.push(`defaultPreset: expected one of ${listKeys(config.presets)}, received "${config.defaultPreset}"`);
  }
  for (const model of Object.keys(config.thresholds)) {
    if (!(model in config.models)) problems.push(`thresholds.${model}: names no model; expected one of ${listKeys(config.models)}`);
  }
  return problems;
}

// A model's GPU list must fit its scale-out with every preset it may run with (EVAL_PRESET picks one at run time).
function checkGpus(config: EvalConfig): string[] {
  const problems = new Set<string>();
  for (const [key, model] of Object.entries(config.models)) {
    for (const [name, preset] of Object.entries(config.presets)) {
      const problem = checkGpuCount(key, name, model.gpus, resolveParallelism(model, preset));
      if (problem) problems.add(problem);
    }
  }
  return [...problems];
}

function checkEvals(config: EvalConfig): string[] {
  const problems: string[] = [];
  const names = BUILTIN_DATASETS.map((d) => d.name);
  if (config.evals.builtins !== 'all') {
    config.evals.builtins.forEach((name, i) => {
      if (!findBuiltin(name)) problems.push(`evals.builtins.${i}: expected a built-in dataset (${listKeys(names)}), received "${name}"`);
    });
  }
  for (const [name, variants] of Object.entries(config.variants)) {
    const dataset = findBuiltin(name);
    if (!dataset) {
      problems.push(`variants.${name}: names no built-in dataset; expected one of ${listKeys(names)}`);
      continue;
    }
    variants.forEach((variant, i) => {
      if (!dataset.variants.includes(variant))
        problems.push(`variants.${name}.${i}: expected one of ${listKeys(dataset.variants)}, received "${variant}"`);
    });
  }
  return problems;
}

// Thresholds name built-in dataset keys and their metrics, with a value inside the metric's range (a proportion is
// 0..1, so `85` is a mistake caught here, not after the whole run). Your own evals take thresholds in defineEval().
function checkThresholds(config: EvalConfig): string[] {
  const problems: string[] = [];
  const metricsByKey = builtinMetricsByKey(config.code);
  for (const [model, byKey] of Object.entries(config.thresholds)) {
    for (const [key, metrics] of Object.entries(byKey)) {
      const path = `thresholds.${model}.${key}`;
      const specs = metricsByKey.get(key);
      if (!specs) {
        problems.push(
          `${path}: names no built-in dataset key; expected one of ${listKeys([...metricsByKey.keys()])} ` +
            '(thresholds of your own evals go in defineEval({ thresholds }))',
        );
        continue;
      }
      for (const [metric, value] of Object.entries(metrics)) {
        const spec = specs.find((s) => s.name === metric);
        if (!spec) {
          problems.push(`${path}.${metric}: ${key} has no metric "${metric}"; expected one of ${listKeys(specs.map((s) => s.name))}`);
        } else if (!(value >= spec.range[0] && value <= spec.range[1])) {
          const hint = spec.kind === 'proportion' && value > 1 && value <= 100 ? ` (a proportion: did you mean ${value / 100}?)` : '';
          problems.push(`${path}.${metric}: expected a number in [${spec.range[0]}, ${spec.range[1]}], received ${value}${hint}`);
        }
      }
    }
  }
  return problems;
}

const TOOL_FLAGS = /^--(?:enable-auto-tool-choice|tool-call-parser)(?:=|$)/;

// Tool parsers: a name vLLM knows (or a plugin's), never set through extraArgs (the harness adds the flags itself, so the
// fingerprint knows them), and one for every model when the selected suites call tools.
function checkToolCalling(config: EvalConfig): string[] {
  const problems: string[] = [];
  const needed = needsToolCalling(config.evals, resolveVariants(config.variants));
  for (const [name, preset] of Object.entries(config.presets)) {
    if (preset.extraArgs.some((arg) => TOOL_FLAGS.test(arg)))
      problems.push(
        `presets.${name}.extraArgs: remove the tool-calling flags; set \`models.<key>.toolCallParser\` instead (the harness adds --enable-auto-tool-choice --tool-call-parser when a suite calls tools)`,
      );
  }
  for (const [key, model] of Object.entries(config.models)) {
    if (model.extraArgs.some((arg) => TOOL_FLAGS.test(arg)))
      problems.push(
        `models.${key}.extraArgs: remove the tool-calling flags; set \`models.${key}.toolCallParser\` instead (the harness adds --enable-auto-tool-choice --tool-call-parser when a suite calls tools)`,
      );
    const parser = model.toolCallParser;
    const plugin = model.extraArgs.some((arg) => arg.startsWith('--tool-parser-plugin'));
    if (parser !== undefined && !plugin && !(VLLM_TOOL_CALL_PARSERS as readonly string[]).includes(parser)) {
      problems.push(
        `models.${key}.toolCallParser: expected one of vLLM v0.21's tool parsers (${listKeys(VLLM_TOOL_CALL_PARSERS)}), received "${parser}" (a plugin's parser needs --tool-parser-plugin in models.${key}.extraArgs)`,
      );
    }
    if (needed && parser === undefined && defaultToolCallParser(model.id) === null) {
      problems.push(
        `models.${key}.toolCallParser: the selected suites call tools and ${model.id} has no default parser; name vLLM's parser for it (e.g. "llama3_json" for Llama 3.1, "mistral" for Mistral), or leave the tool-calling suites out (evals.builtins)`,
      );
    }
  }
  return problems;
}
