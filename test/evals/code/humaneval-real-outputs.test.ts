import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/scorers/python-tests/sandbox/index.ts';
import { scoreCodeResponse } from '../../helpers/code-datasets.ts';
import { readHumanEval, sharedDir } from '../../helpers/shared.ts';

// CodeLlama-7B completions with verdicts from openai/human-eval's check_correctness
// (tcc-inatel-2025/PoE-Evaluation, see datasets/humaneval/MANIFEST.md). Completions carry no fences,
// usually the whole function; the official harness ran prompt + completion + test + check(entry_point).
//
// Disagreements explained (keep this list in sync with KNOWN_DISAGREEMENTS):
//   none on this file (164/164 agree when measured on 2026-11-27, Debian 12, Python 3.11.2, bwrap 0.8.0).
//   Residual risk: timing-sensitive tasks (the upstream verdicts came from another machine) and
//   completions whose bare text trimming differs from the official "run it verbatim" behaviour.
const KNOWN_DISAGREEMENTS: string[] = [];
const MIN_AGREEMENT = 0.98;

const ResultRowSchema = z.looseObject({ task_id: z.string(), completion: z.string(), passed: z.boolean(), result: z.string() });

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ limits: { cpuMs: 3000 }, retryTimeouts: false });
});
afterAll(() => sandbox.close());

describe('HumanEval real model outputs (CodeLlama-7B, official verdicts)', () => {
  const file = join(sharedDir, 'datasets', 'humaneval', 'model-outputs', 'codellama_7b_results.jsonl');
  const rows = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => ResultRowSchema.parse(JSON.parse(line)));
  const problems = new Map(readHumanEval().map((p) => [p.taskId, p]));

  test(`our verdicts agree with the official passed flag on at least ${MIN_AGREEMENT * 100}% of the 164 problems`, async () => {
    expect(rows).toHaveLength(164);
    const compared = await Promise.all(
      rows.map(async (row) => {
        const score = await scoreCodeResponse(sandbox, problems.get(row.task_id)!, row.completion);
        return {
          id: row.task_id,
          official: row.passed,
          officialResult: row.result,
          ours: score.result?.status ?? 'unparseable',
          detail: score.result?.detail,
        };
      }),
    );
    const disagreements = compared.filter((c) => c.official !== (c.ours === 'passed'));
    const agreement = (compared.length - disagreements.length) / compared.length;
    console.info(
      `agreement ${(agreement * 100).toFixed(1)}% (${compared.length - disagreements.length}/${compared.length}); official passed ${compared.filter((c) => c.official).length}, ours ${compared.filter((c) => c.ours === 'passed').length}`,
    );
    expect(disagreements.map((d) => d.id).sort()).toEqual([...KNOWN_DISAGREEMENTS].sort());
    expect(agreement).toBeGreaterThanOrEqual(MIN_AGREEMENT);
  });

  test('official syntax errors are syntax errors here too', async () => {
    const syntax = rows.filter((r) => /invalid syntax|unexpected character after line continuation/.test(r.result)).slice(0, 5);
    expect(syntax.length).toBeGreaterThan(0);
    const statuses = await Promise.all(
      syntax.map(async (r) => (await scoreCodeResponse(sandbox, problems.get(r.task_id)!, r.completion)).result?.status),
    );
    expect(statuses).toEqual(syntax.map(() => 'syntax_error'));
  });
});
