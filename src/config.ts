// qwen-evals' main-process entry (`qwen-evals/config`): the typed eval config and the Vitest config helper.
export { defineEvalConfig, type EvalConfig, type EvalConfigInput } from './shared/config/schema.ts';
export { withEvals, evalReporterPath, type WithEvalsOptions } from './node/plugin/with-evals.ts';
