import { readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readIfevalInput } from '../../src/evals/ifeval/index.ts';
import { readCaseRecord } from '../../src/shared/records/case-record.ts';
import { simulatorBin } from '../helpers/processes.ts';
import { evalEnv, readRunRecords, startVitest } from '../helpers/run-vitest.ts';
import { readShared } from '../helpers/shared.ts';

// Real outputs replayed as text: a simulated vLLM scripted with Llama-3.1-8B-Instruct's responses to the first
// prompts, the IFEval suite run against it as a user runs it, and the recorded verdicts compared with the official ones.
const LIMIT = 30;

const readVerdicts = (file: string) =>
  readShared('ifeval', 'model-outputs', 'llama-3.1-8b-instruct', file)
    .split('\n')
    .filter(Boolean)
    .map(
      (l) => JSON.parse(l) as { prompt: string; response: string; follow_all_instructions: boolean; follow_instruction_list: boolean[] },
    );

describe('IFEval end to end on replayed real outputs', () => {
  test('records the official strict and loose verdicts of each replayed response', async () => {
    const strict = new Map(readVerdicts('eval_results_strict.jsonl').map((v) => [v.prompt, v]));
    const loose = new Map(readVerdicts('eval_results_loose.jsonl').map((v) => [v.prompt, v]));
    const prompts = readIfevalInput(readShared('ifeval', 'input_data.jsonl')).slice(0, LIMIT);
    const env = evalEnv({ EVAL_LIMIT: String(LIMIT) });
    const script = join(env.EVAL_RESULTS_DIR!, 'replay.json');
    writeFileSync(script, JSON.stringify(prompts.map((p) => ({ match: { equals: p.prompt }, response: strict.get(p.prompt)!.response }))));
    env.VLLM_SIM_SCRIPT = script;
    env.PATH = `${dirname(simulatorBin)}${delimiter}${env.PATH}`;
    const result = await startVitest(['--project', 'qwen3_8b', 'ifeval'], env);
    const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
    expect(record, result.all).toBeDefined();
    const cases = readFileSync(join(env.EVAL_RESULTS_DIR!, 'cases', `${record!.runId}.jsonl`), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => readCaseRecord(JSON.parse(line))!);
    expect(cases).toHaveLength(LIMIT);
    const disagreements: string[] = [];
    for (const prompt of prompts) {
      const found = cases.find((c) => c.caseId === String(prompt.key))!;
      const instructions = found.detail!.instructions as Array<{ strict: boolean; loose: boolean }>;
      expect(found.quality.truncated, `${prompt.key}`).toBe(0);
      if (JSON.stringify(instructions.map((i) => i.strict)) !== JSON.stringify(strict.get(prompt.prompt)!.follow_instruction_list))
        disagreements.push(`${prompt.key} strict`);
      if (JSON.stringify(instructions.map((i) => i.loose)) !== JSON.stringify(loose.get(prompt.prompt)!.follow_instruction_list))
        disagreements.push(`${prompt.key} loose`);
    }
    // 1122 asks for the letter `#`: the verdicts' checker drew a random letter instead (src/evals/ifeval/README.md).
    expect(disagreements).toEqual(['1122 strict']);
    const dataset = record!.datasets['ifeval/chat']!;
    const followed = prompts.flatMap((p) => strict.get(p.prompt)!.follow_instruction_list);
    // One more instruction followed than the verdicts say: 1122's, above.
    expect(dataset.metrics.inst_level_strict_acc!.units).toEqual({ passed: followed.filter(Boolean).length + 1, total: followed.length });
    expect(dataset.metrics.inst_level_strict_acc!.value).toBe(dataset.metrics.inst_level_strict_acc!.units!.passed / followed.length);
    expect(dataset.counts.correct).toBe(cases.filter((c) => c.scores.prompt_level_strict_acc === 1).length);
  });
});
