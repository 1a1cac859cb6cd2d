import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/scorers/python-tests/sandbox/index.ts';
import {
  buildCodeProgram,
  buildGoldResponse,
  extractCode,
  findMbppEntryPoint,
  IN_PROCESS_PROBLEMS,
  judgeModeFor,
  MbppRowSchema,
  scoreCodeResponse,
  type MbppProblem,
} from '../../helpers/code-datasets.ts';
import { readHumanEval, readMbpp, readShared } from '../../helpers/shared.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ limits: { cpuMs: 20_000, wallMs: 41_000 }, retryTimeouts: false });
});
afterAll(() => sandbox.close());

// Every task of mbpp.jsonl (1-974), not only the evaluated test split.
function readAllMbpp(): MbppProblem[] {
  return readShared('mbpp', 'mbpp.jsonl')
    .trim()
    .split('\n')
    .map((line) => {
      const row = MbppRowSchema.parse(JSON.parse(line));
      const code = row.code.replace(/\r\n?/g, '\n');
      return {
        kind: 'mbpp',
        taskId: row.task_id,
        text: row.text,
        code,
        testList: row.test_list,
        testSetupCode: row.test_setup_code,
        entryPoint: findMbppEntryPoint(code, row.test_list),
      };
    });
}

describe('judge per problem', () => {
  test('HumanEval problems run under the split judge and the case record says so', async () => {
    const problem = readHumanEval()[0]!;
    const score = await scoreCodeResponse(sandbox, problem, buildGoldResponse(problem));
    expect(score.result).toMatchObject({ status: 'passed', judge: 'split' });
    expect(score.fields.detail).toMatchObject({ judge: 'split' });
  });

  test('a listed MBPP problem runs in-process and the case record says so', async () => {
    const problem = readMbpp('test').find((p) => judgeModeFor(p) === 'in-process')!;
    const score = await scoreCodeResponse(sandbox, problem, buildGoldResponse(problem));
    expect(score.result).toMatchObject({ status: 'passed', judge: 'in-process' });
    expect(score.fields.detail).toMatchObject({ judge: 'in-process' });
  });

  test('every listed problem fails under the split judge with its reference solution, so the list is not stale', async () => {
    const listed = readAllMbpp().filter((p) => `mbpp:${p.taskId}` in IN_PROCESS_PROBLEMS);
    expect(listed.map((p) => `mbpp:${p.taskId}`).sort()).toEqual(Object.keys(IN_PROCESS_PROBLEMS).sort());
    const statuses = await Promise.all(
      listed.map(async (p) => {
        const program = buildCodeProgram(p, extractCode(buildGoldResponse(p), { entryPoint: p.entryPoint })!.code);
        const [split, listedMode] = await Promise.all([sandbox.run({ ...program, judge: 'split' }), sandbox.run(program)]);
        return [split.status === 'passed', listedMode.status];
      }),
    );
    expect(statuses).toEqual(listed.map(() => [false, 'passed']));
  });
});
