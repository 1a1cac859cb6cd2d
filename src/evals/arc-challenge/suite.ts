import { evalDefinition, type AnyEvalDefinition } from '../../runtime/define-eval.ts';
import { loglikelihoodTask } from '../../scorers/loglikelihood/loglikelihood-choice.ts';
import { renderLoglikelihoodPrompt } from '../../scorers/loglikelihood/request.ts';
import type { RunContext } from '../../shared/context.ts';
import { arcChallengeSource } from './data.ts';
import { buildArcChatMessages, buildArcLoglikelihoodPrompt } from './prompt.ts';
import { ARC_CHAT_SCORER, ARC_LOGLIKELIHOOD_SCORER } from './score.ts';

const chat = evalDefinition({
  name: 'arc_challenge',
  variant: 'chat',
  label: 'ARC-Challenge (chat, letter answer)',
  data: arcChallengeSource,
  prompt: buildArcChatMessages,
  expected: (item) => item.answerKey,
  scorers: [ARC_CHAT_SCORER],
});

const loglikelihood = evalDefinition({
  name: 'arc_challenge',
  variant: 'loglikelihood',
  label: 'ARC-Challenge (log-likelihood, lm-eval acc/acc_norm)',
  data: arcChallengeSource,
  prompt: (item) => renderLoglikelihoodPrompt(buildArcLoglikelihoodPrompt(item)),
  task: loglikelihoodTask(buildArcLoglikelihoodPrompt, (item) => item.choices.map((c) => c.label)),
  expected: (item) => item.answerKey,
  scorers: [ARC_LOGLIKELIHOOD_SCORER],
});

/** ARC-Challenge test set: a stated letter in chat (`chat_acc`) and lm-eval's log-likelihood (`acc_norm`, `acc`). */
export function arcChallengeEvals(run: Pick<RunContext, 'variants'>): AnyEvalDefinition[] {
  const variants = run.variants.arc_challenge ?? ['chat', 'loglikelihood'];
  return [chat, loglikelihood].filter((d) => variants.includes(d.variant ?? 'default'));
}
