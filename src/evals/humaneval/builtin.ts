import { codeMetricSpecs } from '../code/metrics.ts';
import { defineBuiltin } from '../builtin.ts';
import { HUMANEVAL_PINS } from './pins.ts';

/** HumanEval (164 problems): Qwen's instruct prompt, the answer's code run against `check(entry_point)` in the sandbox. */
export const humaneval = defineBuiltin({
  name: 'humaneval',
  folder: 'humaneval',
  variants: ['instruct'],
  defaultVariants: ['instruct'],
  metrics: (_variant, { code }) => codeMetricSpecs(code),
  pins: Object.values(HUMANEVAL_PINS),
});
