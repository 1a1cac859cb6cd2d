import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import evalConfig from './qwen-evals.config.ts';
import { parseEvalEnv } from './src/shared/config/env.ts';
import { parseEvalConfig } from './src/shared/config/load.ts';
import { resolveProjectSettings } from './src/node/settings.ts';

// One Vitest project per model (`--project qwen3_8b`), plus `framework` (the harness's own tests).
// Concurrency is ours, not Vitest's defaults (5 tests, 5 s): every case of every suite may be pending
// at once; the dispatcher started by global setup keeps exactly the in-flight limit at the server.
const config = parseEvalConfig(evalConfig);
const env = parseEvalEnv();
const resultsDir = resolve(env.EVAL_RESULTS_DIR ?? 'results');

/** Per-case timeout: covers queueing behind the whole run plus retries. @unit milliseconds */
const CASE_TIMEOUT_MS = 6 * 60 * 60 * 1000;

const modelProjects: TestProjectInlineConfiguration[] = Object.keys(config.models).map((modelKey) => {
  const settings = resolveProjectSettings(config, env, modelKey);
  return {
    test: {
      name: modelKey,
      include: ['evals/**/*.eval.ts'],
      globalSetup: ['./setup/global-setup.ts'],
      testTimeout: CASE_TIMEOUT_MS,
      hookTimeout: CASE_TIMEOUT_MS,
      sequence: { concurrent: true },
      // Each worker may hold the whole in-flight budget; the dispatcher enforces it across workers.
      maxConcurrency: settings.inFlightLimit,
      fileParallelism: true,
      pool: 'threads',
    },
  };
});

export default defineConfig({
  test: {
    // Vitest's own json report is kept per invocation beside our run records (watch re-runs rewrite it).
    reporters: ['default', './reporters/run-reporter.ts', ['json', { outputFile: resolve(resultsDir, 'vitest', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`) }]],
    // Server shutdown (SIGTERM, grace, SIGKILL) must not be cut off by Vitest's 10 s default.
    teardownTimeout: config.server.shutdownGraceMs + 15_000,
    projects: [
      ...modelProjects,
      {
        test: {
          name: 'framework',
          include: ['test/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'bench',
          include: ['bench/**/*.bench-test.ts'],
          testTimeout: 30 * 60_000,
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
