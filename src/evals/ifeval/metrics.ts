import type { MetricSpec } from '../../shared/records/metric.ts';
import type { IfevalVerdict } from './score-response.ts';

// IFEval's metrics: their specs (which the registry, loaded with every config, reads without loading the scorer's
// instruction checkers, tokenizers and language profiles) and their computation over per-prompt verdicts.

/** One accuracy with the counts behind it. */
export interface Accuracy {
  /** Share followed, in [0, 1]; null when nothing was scored. */
  value: number | null;
  followed: number;
  total: number;
}

/** IFEval's four metrics, as lm-evaluation-harness names them. */
export interface IfevalMetrics {
  prompt_level_strict_acc: Accuracy;
  inst_level_strict_acc: Accuracy;
  prompt_level_loose_acc: Accuracy;
  inst_level_loose_acc: Accuracy;
}

function accuracy(followed: number, total: number): Accuracy {
  return { value: total === 0 ? null : followed / total, followed, total };
}

// Prompt level: share of prompts with every instruction followed; instruction level: flattened share.
function levels(verdicts: readonly IfevalVerdict[]): { prompt: Accuracy; inst: Accuracy } {
  const prompts = verdicts.filter((v) => v.follow_all_instructions).length;
  const flat = verdicts.flatMap((v) => v.follow_instruction_list);
  return { prompt: accuracy(prompts, verdicts.length), inst: accuracy(flat.filter(Boolean).length, flat.length) };
}

/** The four metrics over per-prompt strict and loose verdicts (same prompts, same order). */
export function computeIfevalMetrics(strict: readonly IfevalVerdict[], loose: readonly IfevalVerdict[]): IfevalMetrics {
  const s = levels(strict);
  const l = levels(loose);
  return {
    prompt_level_strict_acc: s.prompt,
    inst_level_strict_acc: s.inst,
    prompt_level_loose_acc: l.prompt,
    inst_level_loose_acc: l.inst,
  };
}

/** Per instruction id: how many times it was followed out of how many. */
export function accuracyByInstruction(verdicts: readonly IfevalVerdict[]): Map<string, Accuracy> {
  const tally = new Map<string, { followed: number; total: number }>();
  for (const v of verdicts) {
    v.instruction_id_list.forEach((id, i) => {
      const entry = tally.get(id) ?? { followed: 0, total: 0 };
      entry.total++;
      if (v.follow_instruction_list[i]) entry.followed++;
      tally.set(id, entry);
    });
  }
  return new Map([...tally].map(([id, t]) => [id, accuracy(t.followed, t.total)]));
}

/** IFEval metric names, as lm-evaluation-harness reports them. */
export type IfevalMetric = 'prompt_level_strict_acc' | 'inst_level_strict_acc' | 'prompt_level_loose_acc' | 'inst_level_loose_acc';

/** IFEval's metrics, primary first (Qwen reports "IFEval strict-prompt"). */
export const IFEVAL_METRICS: MetricSpec[] = [
  { name: 'prompt_level_strict_acc', kind: 'proportion', description: 'every instruction of the prompt followed (strict)', range: [0, 1] },
  { name: 'inst_level_strict_acc', kind: 'ratio', description: 'instructions followed of all instructions (strict)', range: [0, 1] },
  { name: 'prompt_level_loose_acc', kind: 'proportion', description: 'every instruction followed in some loose variant', range: [0, 1] },
  { name: 'inst_level_loose_acc', kind: 'ratio', description: 'instructions followed of all instructions (loose)', range: [0, 1] },
];
