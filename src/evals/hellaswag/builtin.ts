import { defineBuiltin } from '../builtin.ts';
import { HELLASWAG_PINS } from './pins.ts';
import { HELLASWAG_METRICS } from './score.ts';

/** HellaSwag validation set (10042 items): lm-eval's log-likelihood (acc_norm), or the endings labelled A-D in chat. */
export const hellaswag = defineBuiltin({
  name: 'hellaswag',
  folder: 'hellaswag',
  variants: ['loglikelihood', 'chat'],
  defaultVariants: ['loglikelihood', 'chat'],
  metrics: (variant) => HELLASWAG_METRICS[variant as keyof typeof HELLASWAG_METRICS] ?? [],
  pins: Object.values(HELLASWAG_PINS),
});
