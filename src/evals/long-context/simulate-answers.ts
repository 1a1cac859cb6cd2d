import type { LongContextCase } from './generate.ts';

// Answers for the pipeline self-check: the gold one names every planted value (scores 1), the wrong one names values
// of the same shape that contain none of them (scores 0).

/** An answer naming every expected value. */
export function buildLongContextGoldAnswer(testCase: Pick<LongContextCase, 'task' | 'expected'>): string {
  return renderAnswer(testCase.task, testCase.expected);
}

/** An answer of the same shape whose values contain none of the expected ones. */
export function buildLongContextWrongAnswer(testCase: Pick<LongContextCase, 'task' | 'expected'>): string {
  const taken = testCase.expected.map((value) => value.toLowerCase());
  const wrong = testCase.expected.map((value) => {
    let candidate = shift(value);
    while (taken.some((t) => candidate.toLowerCase().includes(t))) candidate = shift(candidate);
    return candidate;
  });
  return renderAnswer(testCase.task, wrong);
}

function renderAnswer(task: LongContextCase['task'], values: readonly string[]): string {
  if (task === 'vt') return `The variables assigned that value are: ${values.join(', ')}.`;
  return values.length === 1
    ? `The special magic number mentioned in the provided text is ${values[0]}.`
    : `The special magic numbers mentioned in the provided text are ${values.join(', ')}.`;
}

// Every digit +1 (mod 10, never a leading zero) or every letter +1 (mod 26): same shape, another value.
function shift(value: string): string {
  return [...value]
    .map((char, i) => {
      if (/\d/.test(char)) {
        const digit = (Number(char) + 1) % 10;
        return String(i === 0 && digit === 0 ? 1 : digit);
      }
      if (/[A-Z]/.test(char)) return String.fromCharCode(65 + ((char.charCodeAt(0) - 64) % 26));
      return char;
    })
    .join('');
}
