import { defineBuiltin } from '../builtin.ts';
import { ARC_CHALLENGE_PINS } from './pins.ts';
import { ARC_METRICS } from './score.ts';

/** ARC-Challenge test set (1172 questions): a stated label in chat, or lm-eval's log-likelihood over the choices. */
export const arcChallenge = defineBuiltin({
  name: 'arc_challenge',
  folder: 'arc-challenge',
  variants: ['chat', 'loglikelihood'],
  defaultVariants: ['chat', 'loglikelihood'],
  metrics: (variant) => ARC_METRICS[variant as keyof typeof ARC_METRICS] ?? [],
  pins: Object.values(ARC_CHALLENGE_PINS),
});
