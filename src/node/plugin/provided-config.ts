import type { TestProject } from 'vitest/node';
import type { EvalConfig } from '../../shared/config/schema.ts';
import { ConfigError } from '../../shared/errors.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** The validated eval config, provided by `withEvals()` to each model project for its global setup. */
    qwenEvalsConfig: EvalConfig;
  }
}

// The config withEvals() validated when vitest.config.ts loaded, as its model project carries it.
export function readProvidedConfig(project: TestProject): EvalConfig {
  const config = project.getProvidedContext().qwenEvalsConfig as EvalConfig | undefined;
  if (!config) {
    throw new ConfigError(
      `Project "${project.name}" runs qwen-evals' global setup but was not created by \`withEvals()\`; build model projects with withEvals(evalConfig) in vitest.config.ts.`,
    );
  }
  return config;
}
