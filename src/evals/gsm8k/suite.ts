import { evalDefinition, type AnyEvalDefinition } from '../../runtime/define-eval.ts';
import type { RunContext } from '../../shared/context.ts';
import { gsm8kSource, type Gsm8kData } from './data.ts';
import { buildGsm8kFewShotMessages, buildGsm8kZeroShotMessages } from './prompt.ts';
import { GSM8K_SCORERS } from './score.ts';

const LABELS: Record<string, string> = {
  '0shot': 'GSM8K (0-shot CoT, \\boxed{})',
  '8shot': 'GSM8K (8-shot CoT from train, \\boxed{})',
};

/** GSM8K test set per configured variant: strict (`\boxed{}`) and flexible (last number) scores side by side. */
export function gsm8kEvals(run: Pick<RunContext, 'variants'>): AnyEvalDefinition[] {
  return (run.variants.gsm8k ?? ['0shot']).map((variant) => {
    let train: Gsm8kData['train'] = [];
    return evalDefinition({
      name: 'gsm8k',
      variant,
      label: LABELS[variant] ?? `GSM8K (${variant})`,
      data: gsm8kSource(variant === '8shot', (data) => (train = data.train)),
      prompt: (item) => (variant === '8shot' ? buildGsm8kFewShotMessages(item, train) : buildGsm8kZeroShotMessages(item)),
      expected: (item) => item.gold,
      scorers: GSM8K_SCORERS,
    });
  });
}
