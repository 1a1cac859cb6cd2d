import { defineBuiltin } from '../builtin.ts';
import { DEFAULT_LENGTH_VARIANTS, LENGTH_VARIANTS, longestLength } from './lengths.ts';
import { LONG_CONTEXT_METRICS } from './metrics.ts';

/**
 * Long context: synthetic needle-in-a-haystack and variable tracking (RULER's tasks) at 4K to 128K tokens, generated
 * from a seed. Expensive, so only run when asked for: `evals.builtins` naming it, or a file filter (`long-context`).
 */
export const longContext = defineBuiltin({
  name: 'long_context',
  folder: 'long-context',
  variants: LENGTH_VARIANTS,
  defaultVariants: DEFAULT_LENGTH_VARIANTS,
  metrics: () => LONG_CONTEXT_METRICS,
  pins: [],
  generated: true,
  optIn: true,
  contextTokens: longestLength,
});
