import { ConfigError } from '../errors.ts';
import { formatZodIssues } from './format-issues.ts';
import { EvalConfigSchema, type EvalConfig } from './schema.ts';

// Validate a config object once, at the boundary; errors name the path, expectation and received value.
export function parseEvalConfig(input: unknown, source = 'qwen-evals.config.ts'): EvalConfig {
  const result = EvalConfigSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(`Invalid configuration in ${source}:\n${formatZodIssues(result.error, input)}`, {
      cause: result.error,
    });
  }
  const config = result.data;
  if (!(config.defaultPreset in config.presets)) {
    throw new ConfigError(
      `Invalid configuration in ${source}: \`defaultPreset\` is "${config.defaultPreset}", expected one of ${listKeys(config.presets)}.`,
    );
  }
  for (const model of Object.keys(config.thresholds)) {
    if (!(model in config.models)) {
      throw new ConfigError(
        `Invalid configuration in ${source}: \`thresholds.${model}\` names no model; expected one of ${listKeys(config.models)}.`,
      );
    }
  }
  return config;
}

export function listKeys(record: Record<string, unknown>): string {
  return Object.keys(record)
    .map((k) => `"${k}"`)
    .join(', ');
}
