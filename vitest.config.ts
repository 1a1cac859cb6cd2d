import { availableParallelism } from 'node:os';
import { withEvals } from './src/config.ts';
import evals from './qwen-evals.config.ts';

// One Vitest project per model (`--project qwen3_8b`), made by withEvals(); plus this repository's own tests.
export default withEvals(evals, {
  test: {
    projects: [
      {
        // Unit and component tests: `pnpm vitest run --project framework` while developing.
        test: {
          name: 'framework',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Same as e2e: both projects share one Vitest group, whose files run side by side.
          maxWorkers: Math.max(3, availableParallelism() - 1),
          // Files of a worker share its loaded modules: importing them again per file was 102 s of the 133 s this project
          // took alone on 2 cores; shared, 73 s in all. Tests restore what they change (env stubs, spies).
          isolate: false,
        },
      },
      {
        // Nested real Vitest runs against the simulated vLLM, the packed package, the browser: the slow part of CI.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          // Vitest's default (cores - 1) is one worker on a 2-core CI machine; the end-to-end files mostly wait on
          // simulated servers, so two at a time cut CI's test time by a third (323 s -> 210 s measured), and three
          // (the framework files filling the waits) 395 s -> 354 s in a fresh-clone CI run.
          maxWorkers: Math.max(3, availableParallelism() - 1),
          // As in framework: one process per worker, not per file (each file only drives nested runs).
          isolate: false,
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
