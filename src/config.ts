// qwen-evals' main-process entry (`qwen-evals/config`): the typed eval config and the Vitest config helper.
export {
  defineEvalConfig,
  REASONING_PARSERS,
  type EvalConfig,
  type EvalConfigInput,
  type ReasoningConfig,
} from './shared/config/schema.ts';
export { withEvals, evalReporterPath, type WithEvalsOptions } from './node/plugin/with-evals.ts';
