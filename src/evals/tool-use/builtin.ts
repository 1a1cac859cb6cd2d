import { defineBuiltin } from '../builtin.ts';
import { TOOL_USE_METRICS } from './metrics.ts';

/** Tool use: 52 shipped multi-step tasks on deterministic tools the harness runs (calculator, units, tables, files). */
export const toolUse = defineBuiltin({
  name: 'tool_use',
  folder: 'tool-use',
  variants: ['chat'],
  defaultVariants: ['chat'],
  metrics: () => TOOL_USE_METRICS,
  // Shipped with the package: nothing to download.
  pins: [],
  shipped: true,
  needsToolCalling: () => true,
});
