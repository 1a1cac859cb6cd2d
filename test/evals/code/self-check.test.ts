import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/scorers/python-tests/sandbox/index.ts';
import {
  buildGoldResponse,
  buildWrongResponse,
  scoreCodeResponse,
  type HumanEvalProblem,
  type MbppProblem,
} from '../../helpers/code-datasets.ts';
import { readHumanEval, readMbpp } from '../../helpers/shared.ts';

// The limits the harness gives a reference solution when it calibrates per-problem time limits: MBPP 123
// (amicable numbers below 10000) needs 2.8 s of CPU on a loaded 2-core box and more under heavy contention;
// the others < 0.2 s. A timeout here would say nothing about the scoring being checked.
const LIMITS = { cpuMs: 20_000, wallMs: 41_000 };
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ limits: LIMITS, retryTimeouts: false });
});
afterAll(() => sandbox.close());

// Score one response per problem and return the ids whose pass/fail differs from `expectPass`.
async function mismatches(
  problems: Array<HumanEvalProblem | MbppProblem>,
  respond: (p: HumanEvalProblem | MbppProblem) => string,
  expectPass: boolean,
) {
  const scored = await Promise.all(
    problems.map(async (p) => ({ id: String(p.taskId), score: await scoreCodeResponse(sandbox, p, respond(p)) })),
  );
  return scored
    .filter(({ score }) => (score.result?.status === 'passed') !== expectPass)
    .map(({ id, score }) => `${id}: ${score.result?.status} ${score.result?.detail ?? ''} ${score.result?.failingAssert ?? ''}`);
}

describe('HumanEval self-check', () => {
  const problems = readHumanEval();

  test('all 164 canonical solutions, answered as a chat model would, pass', async () => {
    expect(problems).toHaveLength(164);
    expect(await mismatches(problems, buildGoldResponse, true)).toEqual([]);
  });

  test('the wrong response fails on all 164 problems', async () => {
    expect(await mismatches(problems, buildWrongResponse, false)).toEqual([]);
  });
});

describe('MBPP self-check (test split, task ids 11-510)', () => {
  const problems = readMbpp('test');

  test('all 500 reference solutions pass', async () => {
    expect(problems).toHaveLength(500);
    expect(await mismatches(problems, buildGoldResponse, true)).toEqual([]);
  });

  test('the wrong response fails on every tenth problem (50 of 500)', async () => {
    const sample = problems.filter((_, i) => i % 10 === 0);
    expect(await mismatches(sample, buildWrongResponse, false)).toEqual([]);
  });
});
