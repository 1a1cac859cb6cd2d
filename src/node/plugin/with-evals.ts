import { resolve } from 'node:path';
import type { Plugin, TestProjectInlineConfiguration, ViteUserConfig } from 'vitest/config';
import type { Vitest } from 'vitest/node';
import { matchesFileFilter, selectedBuiltins } from '../../evals/registry.ts';
import { parseEvalEnv } from '../../shared/config/env.ts';
import type { EvalConfig, EvalConfigInput } from '../../shared/config/schema.ts';
import { ConfigError } from '../../shared/errors.ts';
import { parseEvalConfig } from '../load-config.ts';
import { ensureResultsDir } from '../results-dir.ts';
import { checkThinkingSwitch, resolveProjectSettings } from '../settings.ts';
import { gpusOverlap } from '../server/gpu-lease.ts';
import { DATA_FILE_TRIGGER } from './data-triggers.ts';
import { cliFileFilters } from './cli-file-filters.ts';
import { entryPath } from './entry-path.ts';
import { loadMainProcess } from './main-process.ts';
import { checkVitestVersion } from './vitest-version.ts';

// The Vitest side of the plugin: one project per model (its evals, global setup, concurrency, turn on the GPUs),
// the eval reporters, and the close timeout a server shutdown needs. The user's own projects are left alone.

/** Options of `withEvals`. */
export interface WithEvalsOptions {
  /** Where the eval config file is, for error messages. @default 'qwen-evals.config.ts' */
  configFile?: string;
}

/** The serving benchmark's eval file, as file filters see it (without extension: source or compiled). */
const BENCHMARK_EVAL = 'src/bench/throughput.eval';

/** Vitest's json reporter writing to the results folder: `['json', { outputFile }]`. */
type JsonReporterEntry = [name: 'json', options: { outputFile: string }];

/** Per-case timeout: covers queueing behind the whole run plus retries. @unit milliseconds */
const CASE_TIMEOUT_MS = 6 * 60 * 60 * 1000;

/**
 * Vitest config with one project per model of `evalConfig` added to `vitestConfig` (which may hold your own
 * projects). The eval config is validated here, so a mistake stops `vitest` before any server starts.
 * @example
 * // vitest.config.ts
 * import { withEvals } from 'qwen-evals/config';
 * import evals from './qwen-evals.config.ts';
 * export default withEvals(evals);
 */
export function withEvals(evalConfig: EvalConfigInput, vitestConfig: ViteUserConfig = {}, options: WithEvalsOptions = {}): ViteUserConfig {
  try {
    return buildConfig(evalConfig, vitestConfig, options);
  } catch (error) {
    // Vitest prints a config that fails to load with its stack; the message names the setting, the stack adds nothing.
    if (error instanceof ConfigError) error.stack = `${error.name}: ${error.message}`;
    throw error;
  }
}

function buildConfig(evalConfig: EvalConfigInput, vitestConfig: ViteUserConfig, options: WithEvalsOptions): ViteUserConfig {
  checkVitestVersion();
  const config = parseEvalConfig(evalConfig, options.configFile);
  const env = parseEvalEnv();
  checkThinkingSwitch(config, env);
  const test = vitestConfig.test ?? {};
  const resultsDir = resolve(env.EVAL_RESULTS_DIR ?? 'results');
  ensureResultsDir(resultsDir);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const jsonReport: JsonReporterEntry = ['json', { outputFile: resolve(resultsDir, 'vitest', `${stamp}.json`) }];
  return {
    ...vitestConfig,
    test: {
      ...test,
      // Vitest's own json report is kept per invocation beside the run records, each case record in its meta.
      // Vitest's default reporter stays for your own projects; an eval-only run replaces it (see evalsPlugin).
      reporters: test.reporters ?? ['default', [evalReporterPath(), {}], jsonReport],
      // Watch mode: an eval re-runs when a local data file it read changes, not only when its modules do.
      watchTriggerPatterns: [...(test.watchTriggerPatterns ?? []), DATA_FILE_TRIGGER],
      // Transformed modules are kept on disk between runs: half of the time to the first request on 2 cores
      // (bench/NOTES.md, "Harness against a bare fetch loop, and start-up"); your own `fsModuleCache: false` wins.
      experimental: { ...test.experimental, fsModuleCache: test.experimental?.fsModuleCache ?? true },
      // Server shutdown (SIGTERM, grace, SIGKILL) must not be cut off by Vitest's 10 s default.
      teardownTimeout: Math.max(test.teardownTimeout ?? 10_000, config.server.shutdownGraceMs + 15_000),
      projects: [...modelProjects(config, env, test.isolate, jsonReport), ...(test.projects ?? [])],
    },
  };
}

// One project per model, in config order; models that share GPUs get successive group orders so Vitest runs them
// one after another (their servers then never overlap), models on disjoint GPUs share a group and run together.
function modelProjects(
  config: EvalConfig,
  env: ReturnType<typeof parseEvalEnv>,
  isolate: boolean | undefined,
  jsonReport: JsonReporterEntry,
): TestProjectInlineConfiguration[] {
  const groups = assignGroups(config);
  const fileFilters = cliFileFilters();
  // The serving benchmark is collected when a file filter names it (`... throughput`) and runs only when selected
  // alone; any other run leaves its file out, so a plain run shows no skipped benchmark file.
  const include = [
    ...selectedBuiltins(config.evals, fileFilters).map((d) => builtinEvalFile(d.folder)),
    ...(matchesFileFilter(BENCHMARK_EVAL, fileFilters) ? [entryPath(BENCHMARK_EVAL)] : []),
    ...config.evals.include,
  ];
  return Object.keys(config.models).map((modelKey) => {
    const settings = resolveProjectSettings(config, env, modelKey);
    return {
      plugins: [evalsPlugin(Object.keys(config.models), jsonReport)],
      test: {
        name: modelKey,
        include,
        // Built-in evals may live in node_modules/qwen-evals (npm) or node_modules/.pnpm/qwen-evals@<version>/... (pnpm's
        // real path); nothing else there is an eval.
        exclude: ['**/.git/**', '**/node_modules/!(qwen-evals|.pnpm)/**', '**/node_modules/.pnpm/!(qwen-evals@*)/**'],
        globalSetup: [entryPath('setup/global-setup')],
        provide: { qwenEvalsConfig: config },
        testTimeout: CASE_TIMEOUT_MS,
        hookTimeout: CASE_TIMEOUT_MS,
        sequence: { concurrent: true, groupOrder: groups.get(modelKey)! },
        // Each worker may hold the whole in-flight budget; the dispatcher enforces it across workers.
        maxConcurrency: settings.inFlightLimit,
        fileParallelism: true,
        pool: 'threads',
        // Eval files in one worker share its modules (client, scorers, datasets' readers) instead of loading them again
        // per file: every built-in suite at EVAL_LIMIT=6 took 31 s and 27 s of CPU isolated, 22 s and 16 s shared (2
        // cores). Evals keep their state in their own closures; a root `test.isolate` of yours wins.
        isolate: isolate ?? false,
      },
    };
  });
}

function assignGroups(config: EvalConfig): Map<string, number> {
  const groups: Array<Array<readonly number[] | null>> = [];
  const byModel = new Map<string, number>();
  for (const [key, model] of Object.entries(config.models)) {
    const gpus = model.gpus ?? null;
    let index = groups.findIndex((members) => members.every((other) => !gpusOverlap(other, gpus)));
    if (index === -1) index = groups.push([]) - 1;
    groups[index]!.push(gpus);
    // Group 0 is Vitest's default; model projects come after the user's own projects.
    byModel.set(key, index + 1);
  }
  return byModel;
}

function builtinEvalFile(folder: string): string {
  return entryPath(`src/evals/${folder}/${folder}.eval`);
}

/** The eval reporter's module, loaded by Vitest by path (so the config itself stays small to load). */
export function evalReporterPath(): string {
  return entryPath('reporters/eval-reporter');
}

// `--shard i/n`: eval files run on every shard, each asking its share of the cases (loaded only when sharding).
// One eval file and two shards would otherwise trip Vitest's "--shard <count> must be a smaller than count of test
// files" check, which passWithNoTests turns off.
async function shardByCase(vitest: Vitest, modelKeys: readonly string[]): Promise<void> {
  const { createShardSequencer } = await import('./shard-sequencer.ts');
  vitest.config.sequence.sequencer = createShardSequencer(new Set(modelKeys));
  vitest.config.passWithNoTests = true;
}

// Runs once Vitest knows which projects this invocation selected and which reporters the CLI asked for: make sure
// the eval reporter and the json report run (a CLI `--reporter` replaces the configured ones), let the eval reporter
// be the whole console when only model projects run (a wrong answer is a result, not a passing test), keep Vitest's
// own reporter for the rest.
function evalsPlugin(modelKeys: readonly string[], jsonReport: JsonReporterEntry): Plugin {
  return {
    name: 'qwen-evals',
    async configureVitest({ vitest }) {
      const state = vitest as unknown as { [key: symbol]: boolean };
      const done = Symbol.for('qwen-evals.configured');
      if (state[done]) return;
      state[done] = true;
      if (vitest.config.shard) await shardByCase(vitest, modelKeys);
      const reporters = vitest.config.reporters as unknown[];
      const path = evalReporterPath();
      const ours = reporters.find((r): r is [string, Record<string, unknown>] => Array.isArray(r) && r[0] === path);
      const evalOnly = vitest.projects.every(
        (p) => (p.config.provide as { qwenEvalsConfig?: unknown } | undefined)?.qwenEvalsConfig !== undefined,
      );
      // Ours runs as an instance of the class the config loaded (see main-process.ts), not loaded again by path.
      const { EvalReporter } = await loadMainProcess();
      const console = evalOnly && ours ? 'full' : 'summary';
      const reporter = new EvalReporter({ ...ours?.[1], console });
      if (!ours) reporters.push(reporter);
      else reporters.splice(reporters.indexOf(ours), 1, reporter);
      // Every invocation keeps its json report (results/vitest/), whatever reporters the command line chose.
      if (!reporters.some((r) => r === 'json' || (Array.isArray(r) && r[0] === 'json'))) reporters.push(jsonReport);
      if (console === 'full') {
        const index = reporters.findIndex((r) => Array.isArray(r) && r[0] === 'default');
        if (index >= 0) reporters.splice(index, 1);
      }
    },
  };
}
