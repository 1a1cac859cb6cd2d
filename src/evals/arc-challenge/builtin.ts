import { defineBuiltin } from '../builtin.ts';
import { ARC_CHALLENGE_PINS } from './pins.ts';
import { multipleChoiceMetrics } from '../multiple-choice/metrics.ts';

/** ARC-Challenge test set (1172 questions): a stated label in chat, or lm-eval's log-likelihood over the choices. */
export const arcChallenge = defineBuiltin({
  name: 'arc_challenge',
  folder: 'arc-challenge',
  variants: ['chat', 'loglikelihood'],
  defaultVariants: ['chat', 'loglikelihood'],
  metrics: multipleChoiceMetrics,
  pins: Object.values(ARC_CHALLENGE_PINS),
});
