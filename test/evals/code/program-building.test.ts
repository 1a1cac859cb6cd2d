import { describe, expect, test } from 'vitest';
import { buildHumanEvalProgram, buildMbppProgram } from '../../helpers/code-datasets.ts';
import { readHumanEval, readMbpp } from '../../helpers/shared.ts';

const humaneval = readHumanEval();
const he10 = humaneval.find((p) => p.taskId === 'HumanEval/10')!; // helper is_palindrome before make_palindrome
const he0 = humaneval.find((p) => p.taskId === 'HumanEval/0')!; // from typing import List

describe('HumanEval program', () => {
  test('a full definition gets the prompt imports prepended', () => {
    const program = buildHumanEvalProgram(
      he0,
      'def has_close_elements(numbers: List[float], threshold: float) -> bool:\n    return False\n',
    );
    expect(program.assembly).toBe('full-definition');
    expect(program.code).toMatch(/^from typing import List\n/);
    expect(program.code).not.toContain('Check if in given list');
  });

  test("a full definition keeps the prompt's helper functions", () => {
    const program = buildHumanEvalProgram(he10, 'def make_palindrome(string: str) -> str:\n    return string\n');
    expect(program.code).toContain('def is_palindrome(string: str) -> bool:');
  });

  test('a body without the signature continues the prompt', () => {
    const program = buildHumanEvalProgram(he0, '    return False\n');
    expect(program.assembly).toBe('body-continuation');
    expect(program.code).toBe(`${he0.prompt}    return False\n`);
  });

  test('a flush-left body is indented under the signature', () => {
    expect(buildHumanEvalProgram(he0, 'return False\n').code).toBe(`${he0.prompt}    return False\n`);
  });

  test('the test is the dataset check followed by check(entry_point)', () => {
    expect(buildHumanEvalProgram(he0, '    return False\n').tests).toEqual([`${he0.test}\n\ncheck(has_close_elements)\n`]);
  });
});

describe('MBPP program', () => {
  test('each assert of test_list is its own test, with the setup code kept', () => {
    const p367 = readMbpp('test').find((p) => p.taskId === 367)!;
    const program = buildMbppProgram(p367, 'x = 1\n');
    expect(program.tests).toEqual(p367.testList);
    expect(program.setup).toContain('root = Node(1)');
  });
});
