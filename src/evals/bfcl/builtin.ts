import { defineBuiltin } from '../builtin.ts';
import { BFCL_DATASET_PINS } from './pins.ts';
import { BFCL_METRICS } from './metrics.ts';
import { placeBfclVariant } from './report-place.ts';
import { aggregateBfclRun } from './run-aggregate.ts';
import { BFCL_DEFAULT_VARIANTS, BFCL_VARIANTS, parseBfclVariant } from './variants.ts';

/** BFCL v4 function calling: 13 single-turn categories, BFCL's AST checker; tools API (primary) or BFCL's Qwen prompt. */
export const bfcl = defineBuiltin({
  name: 'bfcl',
  folder: 'bfcl',
  variants: BFCL_VARIANTS,
  defaultVariants: BFCL_DEFAULT_VARIANTS,
  metrics: () => BFCL_METRICS,
  pins: Object.values(BFCL_DATASET_PINS),
  needsToolCalling: (variant) => parseBfclVariant(variant).mode === 'tools',
  aggregate: aggregateBfclRun,
  reportGroup: placeBfclVariant,
});
