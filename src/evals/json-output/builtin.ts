import { defineBuiltin } from '../builtin.ts';
import { JSON_OUTPUT_METRICS } from './metrics.ts';
import { JSON_OUTPUT_VARIANTS } from './variants.ts';

/** JSON output validity: 53 shipped extraction cases, with vLLM's structured outputs and without, checked with zod. */
export const jsonOutput = defineBuiltin({
  name: 'json_output',
  folder: 'json-output',
  variants: JSON_OUTPUT_VARIANTS,
  defaultVariants: JSON_OUTPUT_VARIANTS,
  metrics: () => JSON_OUTPUT_METRICS,
  // Shipped with the package: nothing to download.
  pins: [],
  shipped: true,
});
