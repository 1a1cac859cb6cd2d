import { evalDefinition, type AnyEvalDefinition } from '../../runtime/define-eval.ts';
import { loglikelihoodTask } from '../../scorers/loglikelihood/loglikelihood-choice.ts';
import { renderLoglikelihoodPrompt } from '../../scorers/loglikelihood/request.ts';
import type { RunContext } from '../../shared/context.ts';
import { hellaswagSource } from './data.ts';
import { buildHellaswagChatMessages, buildHellaswagLoglikelihoodPrompt, HELLASWAG_LABELS } from './prompt.ts';
import { goldLabel, HELLASWAG_CHAT_SCORER, HELLASWAG_LOGLIKELIHOOD_SCORER } from './score.ts';

const loglikelihood = evalDefinition({
  name: 'hellaswag',
  variant: 'loglikelihood',
  label: 'HellaSwag (log-likelihood, lm-eval acc/acc_norm)',
  data: hellaswagSource,
  prompt: (item) => renderLoglikelihoodPrompt(buildHellaswagLoglikelihoodPrompt(item)),
  task: loglikelihoodTask(buildHellaswagLoglikelihoodPrompt, () => HELLASWAG_LABELS),
  expected: (item) => String(item.label),
  scorers: [HELLASWAG_LOGLIKELIHOOD_SCORER],
});

const chat = evalDefinition({
  name: 'hellaswag',
  variant: 'chat',
  label: 'HellaSwag (chat, letter answer A-D)',
  data: hellaswagSource,
  prompt: buildHellaswagChatMessages,
  expected: goldLabel,
  scorers: [HELLASWAG_CHAT_SCORER],
});

/** HellaSwag validation set: lm-eval's log-likelihood (`acc_norm` primary) and the endings labelled A-D in chat. */
export function hellaswagEvals(run: Pick<RunContext, 'variants'>): AnyEvalDefinition[] {
  const variants = run.variants.hellaswag ?? ['loglikelihood', 'chat'];
  return [loglikelihood, chat].filter((d) => variants.includes(d.variant ?? 'default'));
}
