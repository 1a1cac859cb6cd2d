import { defineEval, jsonl, numericMatch } from 'qwen-evals';

/** One line of arithmetic.jsonl. */
interface Question {
  id: string;
  question: string;
  answer: number;
}

// Word problems with exact numeric answers: strict reads the last \boxed{}, flexible the last number; the run
// fails when fewer than 80% are right by the strict reading.
defineEval({
  name: 'arithmetic',
  label: 'Arithmetic word problems',
  data: jsonl<Question>(new URL('./arithmetic.jsonl', import.meta.url)),
  prompt: (item) => [{ role: 'user', content: `${item.question}\nReason step by step, then put the final answer in \\boxed{}.` }],
  expected: (item) => item.answer,
  scorers: [numericMatch({ name: 'strict', extract: 'boxed' }), numericMatch({ name: 'flexible', extract: 'last-number' })],
  thresholds: { strict: 0.8 },
});
