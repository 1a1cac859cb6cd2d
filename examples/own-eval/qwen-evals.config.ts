import { defineEvalConfig } from 'qwen-evals/config';

// The model to evaluate (its key is the Vitest project: `pnpm vitest run --project qwen7b`), and only our own evals.
export default defineEvalConfig({
  models: {
    qwen7b: { id: 'Qwen/Qwen2.5-7B-Instruct' },
  },
  evals: { builtins: [], include: ['evals/**/*.eval.ts'] },
});
