import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { buildHumanEvalMessages, parseHumanEval } from '../helpers/code-datasets.ts';
import { evalEnv, readRunRecords, startVitest } from '../helpers/run-vitest.ts';
import { sharedDir, simulatorBin } from '../helpers/processes.ts';

// HumanEval through the whole pipeline: answers served by a scripted vLLM, judged in the sandbox.
const problems = parseHumanEval(readFileSync(join(sharedDir, 'datasets/humaneval/HumanEval.jsonl'), 'utf8'));
const userTurn = (i: number) => buildHumanEvalMessages(problems[i]!).at(-1)!.content as string;

function writeScript(rules: Array<{ match: { equals: string; endpoint: 'chat' }; response: string }>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'e2e-code-')), 'script.json');
  writeFileSync(file, JSON.stringify(rules));
  return file;
}

describe.sequential('HumanEval end to end', () => {
  test('real CodeLlama-7B completions get the official verdict on at least 98% of the 164 problems', async () => {
    const Row = z.looseObject({ task_id: z.string(), completion: z.string(), passed: z.boolean() });
    const rows = readFileSync(join(sharedDir, 'datasets/humaneval/model-outputs/codellama_7b_results.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => Row.parse(JSON.parse(l)));
    const official = new Map(rows.map((r) => [r.task_id, r.passed]));
    const script = writeScript(
      rows.map((r) => ({
        match: { equals: userTurn(problems.findIndex((p) => p.taskId === r.task_id)), endpoint: 'chat' },
        response: r.completion,
      })),
    );
    const env = evalEnv({ EVAL_VLLM_BIN: simulatorBin, VLLM_SIM_SCRIPT: script });
    const result = await startVitest(['--project', 'qwen3_8b', 'humaneval'], env);
    const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
    expect(record, result.all).toBeDefined();
    const cases = record!.datasets['humaneval/instruct']!.cases;
    expect(Object.keys(cases)).toHaveLength(164);
    const disagreements = Object.entries(cases).filter(([id, c]) => (c.scores['pass@1'] === 1) !== official.get(id));
    console.log(
      `HumanEval pipeline agreement ${164 - disagreements.length}/164; disagreements: ${disagreements.map(([id]) => id).join(', ') || 'none'}`,
    );
    expect(164 - disagreements.length).toBeGreaterThanOrEqual(Math.ceil(0.98 * 164));
    expect(record!.datasets['humaneval/instruct']!.counts.error).toBe(0);
  });

  test('hostile answers are contained and scored as failures, leaving no trace on the host', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'e2e-hostile-')), 'escaped');
    const hostile = [
      `\`\`\`python\nimport os\nos._exit(0)\n\`\`\``,
      `\`\`\`python\nprint("PASSED")\nraise SystemExit(0)\n\`\`\``,
      `\`\`\`python\nopen(${JSON.stringify(marker)}, "w").write("x")\n\`\`\``,
      `\`\`\`python\nimport os\nos.kill(os.getppid(), 9)\n\`\`\``,
      `\`\`\`python\nwhile True:\n    pass\n\`\`\``,
      `\`\`\`python\nimport os\nprint(os.environ.get("OPENAI_API_KEY"))\nclass T:\n    def __eq__(self, o): return True\ndef ${problems[5]!.entryPoint}(*a, **k):\n    return T()\n\`\`\``,
    ];
    const script = writeScript(hostile.map((response, i) => ({ match: { equals: userTurn(i), endpoint: 'chat' }, response })));
    const env = evalEnv({
      EVAL_VLLM_BIN: simulatorBin,
      VLLM_SIM_SCRIPT: script,
      EVAL_LIMIT: String(hostile.length),
      OPENAI_API_KEY: 'sk-host-secret-123',
    });
    const result = await startVitest(['--project', 'qwen3_8b', 'humaneval'], env);
    const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
    expect(record, result.all).toBeDefined();
    const dataset = record!.datasets['humaneval/instruct']!;
    expect(dataset.counts.error).toBe(0);
    expect(dataset.metrics['pass@1']!.value).toBe(0);
    expect(Object.values(dataset.cases).every((c) => c.verdict !== 'correct')).toBe(true);
    expect(existsSync(marker)).toBe(false);
    const casesFile = join(env.EVAL_RESULTS_DIR!, 'cases', `${record!.runId}.jsonl`);
    expect(readFileSync(casesFile, 'utf8')).not.toContain('sk-host-secret-123');
  });
});
