import type { TestProject } from 'vitest/node';
import type { EvalReporter } from '../report/eval-reporter.ts';

// The main-process side of a run (the eval reporter, the model projects' global setup, and through them the
// launcher, dispatcher, history and tracker) is imported here once, natively, together with the config. Vitest would
// otherwise load it through Vite's module runner, module by module, and a second time for the reporter: 0.3 s more
// to the first request on 2 cores even with the module cache warm (bench/NOTES.md, "Harness against a bare fetch
// loop, and start-up"). The global setup entry that Vitest loads by path (`setup/global-setup.ts`) finds these
// modules on `globalThis`, so both share one instance of every main-process module.

/** What the main process runs, loaded once per process. */
export interface MainProcessModules {
  setup: (project: TestProject) => Promise<() => Promise<void>>;
  EvalReporter: typeof EvalReporter;
}

const KEY = Symbol.for('qwen-evals.main-process');

/** The main-process modules: the copy the config loaded if there is one, else loaded now by whoever asks first. */
export function loadMainProcess(): Promise<MainProcessModules> {
  const holder = globalThis as { [KEY]?: Promise<MainProcessModules> };
  holder[KEY] ??= Promise.all([import('../server/global-setup.ts'), import('../report/eval-reporter.ts')]).then(([setup, reporter]) => ({
    setup: setup.default,
    EvalReporter: reporter.EvalReporter,
  }));
  return holder[KEY];
}
