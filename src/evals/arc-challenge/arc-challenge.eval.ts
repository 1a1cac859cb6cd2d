import { injectRunContext } from '../../runtime/context.ts';
import { defineEval } from '../../runtime/define-eval.ts';
import { loglikelihoodTask } from '../../scorers/loglikelihood/loglikelihood-choice.ts';
import { renderLoglikelihoodPrompt } from '../../scorers/loglikelihood/request.ts';
import { arcChallengeSource } from './data.ts';
import { buildArcChatMessages, buildArcLoglikelihoodPrompt } from './prompt.ts';
import { ARC_CHAT_SCORER, ARC_LOGLIKELIHOOD_SCORER } from './score.ts';

// ARC-Challenge test set: a stated letter in chat (chat_acc) and lm-eval's log-likelihood (acc_norm, acc).
const variants = injectRunContext().variants.arc_challenge ?? ['chat', 'loglikelihood'];

if (variants.includes('chat')) {
  defineEval({
    name: 'arc_challenge',
    variant: 'chat',
    label: 'ARC-Challenge (chat, letter answer)',
    data: arcChallengeSource,
    prompt: buildArcChatMessages,
    expected: (item) => item.answerKey,
    scorers: [ARC_CHAT_SCORER],
  });
}

if (variants.includes('loglikelihood')) {
  defineEval({
    name: 'arc_challenge',
    variant: 'loglikelihood',
    label: 'ARC-Challenge (log-likelihood, lm-eval acc/acc_norm)',
    data: arcChallengeSource,
    prompt: (item) => renderLoglikelihoodPrompt(buildArcLoglikelihoodPrompt(item)),
    task: loglikelihoodTask(buildArcLoglikelihoodPrompt, (item) => item.choices.map((c) => c.label)),
    expected: (item) => item.answerKey,
    scorers: [ARC_LOGLIKELIHOOD_SCORER],
  });
}
