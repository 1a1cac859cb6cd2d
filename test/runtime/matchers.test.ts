import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import '../../src/matchers.ts';

// The matchers are the scorers as assertions: a wrong answer fails the test with what was extracted vs expected.

function failure(assertion: () => unknown): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the assertion passed');
}

async function asyncFailure(assertion: () => Promise<unknown>): Promise<string> {
  try {
    await assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the assertion passed');
}

describe('toMatchNumber', () => {
  test('passes when the last number equals the expected one as a number', () => {
    expect('She pays $1,080.00 in total.').toMatchNumber(1080);
  });

  test('fails naming the number it extracted and the expected one', () => {
    expect(failure(() => expect('So the answer is 17.').toMatchNumber(18))).toBe(
      'expected the answer to match the number 18 (extract: last-number); extracted 17 from "So the answer is 17."',
    );
  });

  test('strict extraction reads only the last \\boxed{}, so an unboxed right number fails', () => {
    expect('18, so \\boxed{18}').toMatchNumber(18, { extract: 'boxed' });
    expect(failure(() => expect('The answer is 18.').toMatchNumber(18, { extract: 'boxed' }))).toContain(
      'extracted no number from "The answer is 18."',
    );
  });

  test('reads the text of a chat result', () => {
    expect({ text: 'It is 42.', finishReason: 'stop' }).toMatchNumber(42);
  });

  test('negated, fails when the numbers match', () => {
    expect(failure(() => expect('42').not.toMatchNumber(42))).toContain('expected the answer not to match the number 42');
  });

  test('rejects an answer that is neither text nor a result with text, naming what came', () => {
    expect(failure(() => expect({ answer: 42 }).toMatchNumber(42))).toContain(
      '`answer` must be a string or an object with a `text` string (a chat result); received an object with keys answer',
    );
  });
});

describe('toChooseLetter', () => {
  test('passes on the stated final choice', () => {
    expect('Between B and C, the answer is (C).').toChooseLetter('C');
  });

  test('fails naming the choice the answer made', () => {
    expect(failure(() => expect('Answer: B').toChooseLetter('C'))).toBe('expected the answer to choose C; chose B in "Answer: B"');
  });

  test('fails when two different choices are stated', () => {
    expect(failure(() => expect('Answer: B or C').toChooseLetter('C'))).toContain('two different choices stated');
  });

  test("counts an answer that states an option's text when the options are given", () => {
    expect('The capital is Paris.\nParis').toChooseLetter('B', { choices: ['Rome', 'Paris', 'Oslo'] });
  });

  test('accepts letters past D when the expected letter is one', () => {
    expect('Answer: F').toChooseLetter('F');
  });
});

describe('toMatchJsonSchema', () => {
  const City = z.object({ city: z.string(), population: z.number().int() });

  test('passes on JSON in a fenced block that the schema accepts', () => {
    expect('Here:\n```json\n{"city": "Oslo", "population": 709037}\n```').toMatchJsonSchema(City);
  });

  test('fails listing the schema issues', () => {
    expect(failure(() => expect('{"city": "Oslo"}').toMatchJsonSchema(City))).toContain('schema issues: population:');
  });

  test('fails saying the answer is not JSON', () => {
    expect(failure(() => expect('Oslo, 709037 people').toMatchJsonSchema(City))).toContain('not JSON');
  });
});

describe('toPassPythonTests', () => {
  const tests = ['assert add(1, 2) == 3', 'assert add(-1, 1) == 0'];

  test('passes when the answer code passes every test in the sandbox', async () => {
    await expect('```python\ndef add(a, b):\n    return a + b\n```').toPassPythonTests({ tests, entryPoint: 'add' });
  });

  test('fails naming the failing assert', async () => {
    const message = await asyncFailure(() => expect('```python\ndef add(a, b):\n    return a - b\n```').toPassPythonTests({ tests }));
    expect(message).toMatch(/^expected the answer's code to pass the tests; assertion at `assert add\(1, 2\) == 3`/);
  });

  test('fails with the Python error when the answer is prose', async () => {
    const message = await asyncFailure(() => expect('I cannot write that.').toPassPythonTests({ tests }));
    expect(message).toContain('syntax_error: SyntaxError: invalid syntax');
  });
});
