import { defineBuiltin } from '../builtin.ts';
import { GSM8K_PINS } from './pins.ts';
import { GSM8K_METRICS } from './metrics.ts';

/** GSM8K: 1319 grade-school math problems; 0-shot chain of thought with `\boxed{}` (Qwen's math style) or 8-shot. */
export const gsm8k = defineBuiltin({
  name: 'gsm8k',
  folder: 'gsm8k',
  variants: ['0shot', '8shot'],
  defaultVariants: ['0shot'],
  metrics: () => GSM8K_METRICS,
  pins: Object.values(GSM8K_PINS),
});
