import { codeMetricSpecs } from '../code/metrics.ts';
import { defineBuiltin } from '../builtin.ts';
import { MBPP_PINS } from './pins.ts';

/** MBPP: the task text with its first test as a hint; the answer's code runs against the asserts in the sandbox. */
export const mbpp = defineBuiltin({
  name: 'mbpp',
  folder: 'mbpp',
  variants: ['test', 'sanitized-test'],
  defaultVariants: ['test'],
  metrics: (_variant, { code }) => codeMetricSpecs(code),
  pins: Object.values(MBPP_PINS),
});
