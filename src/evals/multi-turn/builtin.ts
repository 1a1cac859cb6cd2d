import { defineBuiltin } from '../builtin.ts';
import { MULTI_TURN_METRICS } from './metrics.ts';

/** Multi-turn coherence: 60 shipped conversations whose later answers depend on earlier facts, checked exactly. */
export const multiTurn = defineBuiltin({
  name: 'multi_turn',
  folder: 'multi-turn',
  variants: ['chat'],
  defaultVariants: ['chat'],
  metrics: () => MULTI_TURN_METRICS,
  // Shipped with the package: nothing to download.
  pins: [],
  shipped: true,
});
