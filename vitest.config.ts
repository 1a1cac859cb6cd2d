import { withEvals } from './src/config.ts';
import evals from './qwen-evals.config.ts';

// One Vitest project per model (`--project qwen3_8b`), made by withEvals(); plus this repository's own tests.
export default withEvals(evals, {
  test: {
    projects: [
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
