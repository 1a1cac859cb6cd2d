import { defineBuiltin } from '../builtin.ts';
import { MT_BENCH_PINS } from './pins.ts';
import { MT_BENCH_METRICS } from './metrics.ts';

/** MT-Bench: 80 two-turn questions, each turn rated 1-10 by an LLM judge (FastChat's single-answer grading). */
export const mtBench = defineBuiltin({
  name: 'mt_bench',
  folder: 'mt-bench',
  variants: ['single'],
  defaultVariants: ['single'],
  metrics: () => MT_BENCH_METRICS,
  pins: Object.values(MT_BENCH_PINS),
});
