import type { Gsm8kCase } from './reader.ts';
import { findNumbers, parseNumber } from '../../scorers/numeric/numbers.ts';
import { ScorerError } from '../../shared/errors.ts';

// Synthetic responses for the pipeline self-check: the gold one must score 1, the wrong one 0, on every metric.
// Each puts a distracting number before the final answer, so a first-number extractor fails the check.

/** Stable small hash of a case id, to vary the format per case without randomness. */
export function hashCaseId(id: string): number {
  let hash = 2166136261;
  for (const char of id) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

// Spell a number the ways models do: `1080`, `1,080`, `1{,}080`, `1080.00`.
function formatNumber(value: number, style: number): string {
  const plain = String(value);
  if (!Number.isInteger(value)) return plain;
  const grouped = Math.abs(value)
    .toLocaleString('en-US')
    .replace(/^/, value < 0 ? '-' : '');
  return [plain, grouped, grouped.replace(/,/g, '{,}'), `${plain}.00`][style % 4] ?? plain;
}

// A value different from the gold, of similar size.
function pickWrongValue(gold: number, hash: number): number {
  return gold + 1 + (hash % 9);
}

// Numbers the question states, to restate before the answer (up to two).
function pickQuestionNumbers(question: string): string[] {
  return findNumbers(question)
    .slice(0, 2)
    .map((t) => t.canonical);
}

// Render one of the chat formats around a final value, with a distractor mentioned earlier.
function renderResponse(question: string, final: number, distractor: number, hash: number): string {
  const given = pickQuestionNumbers(question);
  const facts = given.length ? `The problem gives us ${given.join(' and ')}.` : 'We read the quantities off the problem.';
  const shown = formatNumber(final, hash >>> 3);
  const plain = String(final);
  switch (hash % 4) {
    case 0:
      return `Let's work through this step by step.\n\n1. ${facts}\n2. A first attempt gives ${distractor}, which double-counts one group, so we redo it.\n3. Combining the quantities correctly gives ${shown}.\n\nTherefore, the final answer is $\\boxed{${shown}}$.`;
    case 1:
      return `**Step 1:** ${facts}\n\n**Step 2:** Not ${distractor}: that skips a step.\n\n**Step 3:** The total comes to ${shown}.\n\n**Final Answer:** \\(\\boxed{${final < 0 ? '-' : ''}\\$${formatNumber(Math.abs(final), 1)}}\\)`;
    case 2:
      return `${facts} Checking the intermediate value ${distractor} against the question shows it is not what is asked.\n\nSo the result is ${plain}.\n\n\\[\n\\boxed{${plain} \\text{ units}}\n\\]`;
    default:
      return `To solve this:\n\n- ${facts}\n- Careful: ${distractor} is only a partial result.\n- Final computation: ${shown}\n\nThe answer is \\boxed{${shown}}`;
  }
}

/** A realistic response whose final answer is the gold number (self-check: must score 1 on every metric). */
export function buildGsm8kGoldResponse(testCase: Pick<Gsm8kCase, 'id' | 'question' | 'gold'>): string {
  const gold = goldValue(testCase);
  const hash = hashCaseId(testCase.id);
  return renderResponse(testCase.question, gold, pickWrongValue(gold, hash), hash);
}

/** A realistic response whose final answer is wrong but which mentions the gold earlier (must score 0). */
export function buildGsm8kWrongResponse(testCase: Pick<Gsm8kCase, 'id' | 'question' | 'gold'>): string {
  const gold = goldValue(testCase);
  const hash = hashCaseId(testCase.id);
  return renderResponse(testCase.question, pickWrongValue(gold, hash), gold, hash);
}

// The gold number; a gold that is not a number is a reader bug.
function goldValue(testCase: Pick<Gsm8kCase, 'id' | 'gold'>): number {
  const token = parseNumber(testCase.gold);
  if (!token) throw new ScorerError(`GSM8K case ${testCase.id}: gold answer ${JSON.stringify(testCase.gold)} is not a number.`);
  return token.value;
}
