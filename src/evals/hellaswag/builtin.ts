import { defineBuiltin } from '../builtin.ts';
import { HELLASWAG_PINS } from './pins.ts';
import { multipleChoiceMetrics } from '../multiple-choice/metrics.ts';

/** HellaSwag validation set (10042 items): lm-eval's log-likelihood (acc_norm), or the endings labelled A-D in chat. */
export const hellaswag = defineBuiltin({
  name: 'hellaswag',
  folder: 'hellaswag',
  variants: ['loglikelihood', 'chat'],
  defaultVariants: ['loglikelihood', 'chat'],
  metrics: multipleChoiceMetrics,
  pins: Object.values(HELLASWAG_PINS),
});
