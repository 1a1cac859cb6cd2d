// Every built-in dataset, one line each; src/evals/registry.ts reads them from here.
export { gsm8k } from './gsm8k/builtin.ts';
export { arcChallenge } from './arc-challenge/builtin.ts';
export { hellaswag } from './hellaswag/builtin.ts';
export { mtBench } from './mt-bench/builtin.ts';
export { humaneval } from './humaneval/builtin.ts';
export { mbpp } from './mbpp/builtin.ts';
export { bfcl } from './bfcl/builtin.ts';
export { longContext } from './long-context/builtin.ts';
