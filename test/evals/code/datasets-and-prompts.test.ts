import { describe, expect, test } from 'vitest';
import { buildHumanEvalMessages, buildMbppMessages } from '../../helpers/code-datasets.ts';
import { readHumanEval, readMbpp } from '../../helpers/shared.ts';

describe('dataset readers', () => {
  test('HumanEval has 164 problems HumanEval/0..163 in order', () => {
    expect(readHumanEval().map((p) => p.taskId)).toEqual(Array.from({ length: 164 }, (_, i) => `HumanEval/${i}`));
  });

  test('the MBPP test split is task ids 11..510', () => {
    expect(readMbpp('test').map((p) => p.taskId)).toEqual(Array.from({ length: 500 }, (_, i) => i + 11));
  });

  test('the sanitized MBPP test split has 257 problems', () => {
    expect(readMbpp('sanitized-test')).toHaveLength(257);
  });

  test('every MBPP entry point is called by the first assert', () => {
    const missing = readMbpp('test').filter((p) => !new RegExp(`\\b${p.entryPoint}\\s*\\(`).test(p.testList[0]!));
    expect(missing.map((p) => p.taskId)).toEqual([]);
  });

  test('MBPP reference code uses \\n line endings', () => {
    expect(readMbpp('test').some((p) => p.code.includes('\r'))).toBe(false);
  });
});

describe('Qwen-style prompts', () => {
  const he = readHumanEval()[0]!;
  const mbpp = readMbpp('test')[0]!;

  test('HumanEval asks to complete the function in a python fence', () => {
    const [system, user] = buildHumanEvalMessages(he);
    expect(system?.role).toBe('system');
    expect(user?.content).toMatch(/^Can you complete the following Python function\?\n```python\nfrom typing import List/);
  });

  test('the prefill option adds an assistant turn opening a python fence', () => {
    expect(buildHumanEvalMessages(he, { prefill: true }).at(-1)).toEqual({ role: 'assistant', content: '```python\n' });
  });

  test('MBPP shows the task and the first assert as the signature hint', () => {
    const user = buildMbppMessages(mbpp)[1]!.content;
    expect(user).toContain(mbpp.text);
    expect(user).toContain(mbpp.testList[0]!);
    expect(user).not.toContain(mbpp.testList[1]!);
  });
});
