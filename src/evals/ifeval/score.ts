import type { MultiScorer } from '../../scorers/scorer.ts';
import type { IfevalPrompt } from './read-input.ts';
import { scoreResponse, type IfevalScore } from './score-response.ts';
import { IFEVAL_METRICS } from './metrics.ts';

// IFEval's four metrics as one scorer: the prompt-level ones are per-case pass/fail; the instruction-level ones are
// ratio metrics (each case reports the share of its instructions followed and how many it has), so the run record
// pools them over all instructions as the reference does, instead of averaging per-prompt shares.

/** One instruction's verdicts, as the case record keeps them. */
export interface InstructionVerdict {
  id: string;
  /** The instruction's kwargs without the unset (null) ones. */
  kwargs: Record<string, unknown>;
  strict: boolean;
  loose: boolean;
}

/** Per-instruction verdicts of a scored response, in the prompt's order. */
export function instructionVerdicts(prompt: IfevalPrompt, score: IfevalScore): InstructionVerdict[] {
  return prompt.instruction_id_list.map((id, i) => ({
    id,
    kwargs: Object.fromEntries(Object.entries(prompt.kwargs[i] ?? {}).filter(([, v]) => v !== null)),
    strict: score.strict.follow_instruction_list[i]!,
    loose: score.loose.follow_instruction_list[i]!,
  }));
}

// "2 of 3 followed; broke punctuation:no_comma": what the skip note and the record show as the extracted answer.
function summarise(verdicts: readonly InstructionVerdict[], mode: 'strict' | 'loose'): string {
  const broken = verdicts.filter((v) => !v[mode]).map((v) => v.id);
  const followed = `${verdicts.length - broken.length} of ${verdicts.length} followed`;
  return broken.length ? `${followed}; broke ${broken.join(', ')}` : followed;
}

/** The IFEval scorer: strict and loose verdicts per instruction, the four metrics, instruction counts for the ratio ones. */
export function ifevalScorer(): MultiScorer<IfevalPrompt> {
  return {
    metrics: IFEVAL_METRICS,
    fingerprint: 'ifeval google-research evaluation_lib, langdetect seed 0',
    score: ({ item, response }) => {
      const score = scoreResponse(item, response);
      const verdicts = instructionVerdicts(item, score);
      const count = verdicts.length;
      const share = (mode: 'strict' | 'loose') => verdicts.filter((v) => v[mode]).length / count;
      const strict = summarise(verdicts, 'strict');
      const loose = summarise(verdicts, 'loose');
      return {
        scores: {
          prompt_level_strict_acc: score.strict.follow_all_instructions ? 1 : 0,
          inst_level_strict_acc: share('strict'),
          prompt_level_loose_acc: score.loose.follow_all_instructions ? 1 : 0,
          inst_level_loose_acc: share('loose'),
        },
        units: { inst_level_strict_acc: count, inst_level_loose_acc: count },
        extracted: {
          prompt_level_strict_acc: strict,
          inst_level_strict_acc: strict,
          prompt_level_loose_acc: loose,
          inst_level_loose_acc: loose,
        },
        detail: { instructions: verdicts },
      };
    },
  };
}
