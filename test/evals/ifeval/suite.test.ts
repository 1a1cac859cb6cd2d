import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { readIfevalInput, type IfevalPrompt } from '../../../src/evals/ifeval/index.ts';
import { IFEVAL_METRICS } from '../../../src/evals/ifeval/metrics.ts';
import { ifevalEvals } from '../../../src/evals/ifeval/suite.ts';
import type { EvalDefinition } from '../../../src/runtime/define-eval.ts';
import { buildDatasetResult } from '../../../src/shared/records/dataset-result.ts';
import type { SuiteMeta } from '../../../src/shared/records/suite-meta.ts';
import { createFakeClient, runCase } from '../../helpers/fake-client.ts';
import { readShared } from '../../helpers/shared.ts';

// The suite's scoring path on real outputs: Llama-3.1-8B-Instruct's responses, answered by a scripted client and
// scored through the IFEval suite definition, against google-research's official verdicts.

const Verdict = z.object({
  prompt: z.string(),
  response: z.string(),
  follow_instruction_list: z.array(z.boolean()),
  follow_all_instructions: z.boolean(),
});
const dir = ['ifeval', 'model-outputs', 'llama-3.1-8b-instruct'] as const;
const readVerdicts = (file: string) =>
  readShared(...dir, file)
    .split('\n')
    .filter(Boolean)
    .map((l) => Verdict.parse(JSON.parse(l)));
const official = { strict: readVerdicts('eval_results_strict.jsonl'), loose: readVerdicts('eval_results_loose.jsonl') };
const responses = new Map(official.strict.map((v) => [v.prompt, v.response]));
const prompts = readIfevalInput(readShared('ifeval', 'input_data.jsonl'));
const [definition] = ifevalEvals(prompts) as [EvalDefinition<IfevalPrompt>];

const client = createFakeClient({ answer: (messages) => responses.get(messages.at(-1)!.content as string) ?? '' });
const records = await Promise.all(prompts.map((prompt) => runCase(definition, prompt, client, { caseId: String(prompt.key) })));
const byPrompt = new Map(official.strict.map((v, i) => [v.prompt, { strict: v, loose: official.loose[i]! }]));
const suite: SuiteMeta = {
  dataset: 'ifeval',
  variant: 'chat',
  label: 'IFEval',
  primaryMetric: 'prompt_level_strict_acc',
  metricSpecs: IFEVAL_METRICS,
  pins: [],
  promptHash: 'x',
  datasetSize: prompts.length,
  selected: prompts.length,
  judge: null,
};

describe('the IFEval suite on Llama-3.1-8B-Instruct outputs', () => {
  test('sends each prompt alone as the user turn, greedy, with 1280 output tokens', () => {
    const first = client.chats[0]!;
    expect(first.messages).toEqual([{ role: 'user', content: prompts[0]!.prompt }]);
    // The suite's sampling overrides the run's (defineEval merges them; the fake runner sends the run's).
    expect(definition.sampling).toEqual({ maxTokens: 1280 });
  });

  test.each(['strict', 'loose'] as const)('agrees with the official per-prompt verdicts on at least 99%% of prompts (%s)', (mode) => {
    const metric = mode === 'strict' ? 'prompt_level_strict_acc' : 'prompt_level_loose_acc';
    const agree = records.filter((r, i) => (r.scores[metric] === 1) === byPrompt.get(prompts[i]!.prompt)![mode].follow_all_instructions);
    expect(records.every((r) => r.verdict !== 'error')).toBe(true);
    expect(agree.length / records.length).toBeGreaterThanOrEqual(0.99);
  });

  test('records each instruction with its kwargs and its strict and loose verdicts', () => {
    const index = prompts.findIndex((p) => p.instruction_id_list.length === 3);
    const instructions = records[index]!.detail!.instructions as Array<{ id: string; kwargs: object; strict: boolean; loose: boolean }>;
    expect(instructions.map((i) => i.id)).toEqual(prompts[index]!.instruction_id_list);
    const reference = byPrompt.get(prompts[index]!.prompt)!;
    expect(instructions.map((i) => i.strict)).toEqual(reference.strict.follow_instruction_list);
    expect(instructions.map((i) => i.loose)).toEqual(reference.loose.follow_instruction_list);
    expect(Object.values(instructions[0]!.kwargs)).not.toContain(null);
  });

  test('pools the instruction-level metrics over instructions, as the reference does, not over prompts', () => {
    const result = buildDatasetResult(suite, records);
    for (const mode of ['strict', 'loose'] as const) {
      const flat = records.flatMap((r) => (r.detail!.instructions as Array<Record<typeof mode, boolean>>).map((i) => i[mode]));
      const inst = result.metrics[`inst_level_${mode}_acc`]!;
      expect(inst.units).toEqual({ passed: flat.filter(Boolean).length, total: 834 });
      expect(inst.value).toBe(flat.filter(Boolean).length / 834);
      expect(inst.ci![0]).toBeLessThan(inst.value!);
      expect(inst.ci![1]).toBeGreaterThan(inst.value!);
      const meanOfShares = records.reduce((sum, r) => sum + r.scores[`inst_level_${mode}_acc`]!, 0) / records.length;
      expect(inst.value).not.toBe(meanOfShares);
    }
  });

  test('comes within 0.5 point of the metrics computed from the official verdicts', () => {
    const result = buildDatasetResult(suite, records);
    const officialValue = {
      prompt_level_strict_acc: official.strict.filter((v) => v.follow_all_instructions).length / 541,
      prompt_level_loose_acc: official.loose.filter((v) => v.follow_all_instructions).length / 541,
      inst_level_strict_acc: official.strict.flatMap((v) => v.follow_instruction_list).filter(Boolean).length / 834,
      inst_level_loose_acc: official.loose.flatMap((v) => v.follow_instruction_list).filter(Boolean).length / 834,
    };
    for (const [name, value] of Object.entries(officialValue))
      expect(Math.abs(result.metrics[name]!.value! - value), name).toBeLessThan(0.005);
  });

  test('counts a prompt with a broken instruction as a wrong answer whose note names what was broken', () => {
    const index = records.findIndex((r) => r.scores.prompt_level_strict_acc === 0);
    expect(records[index]!.verdict).toBe('wrong');
    expect(records[index]!.extracted.prompt_level_strict_acc).toMatch(/^\d+ of \d+ followed; broke [a-z_]+:[a-z_]+/);
    expect(records[index]!.units).toEqual({
      inst_level_strict_acc: prompts[index]!.instruction_id_list.length,
      inst_level_loose_acc: prompts[index]!.instruction_id_list.length,
    });
  });
});
