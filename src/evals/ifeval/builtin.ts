import { defineBuiltin } from '../builtin.ts';
import { IFEVAL_INPUT_PIN } from './pins.ts';
import { IFEVAL_METRICS } from './metrics.ts';

/** IFEval: 541 prompts with 834 verifiable instructions (25 kinds), scored strict and loose, per prompt and per instruction. */
export const ifeval = defineBuiltin({
  name: 'ifeval',
  folder: 'ifeval',
  variants: ['chat'],
  defaultVariants: ['chat'],
  metrics: () => IFEVAL_METRICS,
  pins: [IFEVAL_INPUT_PIN],
});
