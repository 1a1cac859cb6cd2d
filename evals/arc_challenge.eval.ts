import { injectEvalContext } from '../src/runtime/context.ts';
import { defineEvalSuite } from '../src/runtime/define-eval-suite.ts';
import { ARC_LABELS, ARC_SUITE_FACTS, arcPromptHash, loadArcChallenge, runArcCase } from '../src/evals/arc-challenge/suite.ts';

// ARC-Challenge test set: a stated letter in chat (chat_acc) and lm-eval's log-likelihood (acc, acc_norm).
const { run } = injectEvalContext();
const data = await loadArcChallenge(run, run.limit);

for (const variant of run.variants.arc_challenge) {
  defineEvalSuite({
    ...ARC_SUITE_FACTS[variant],
    variant,
    label: ARC_LABELS[variant],
    pins: data.pins,
    promptHash: arcPromptHash(variant),
    datasetSize: data.size,
    cases: data.cases,
    caseId: (item) => item.id,
    runCase: (item, context) => runArcCase(variant, item, context),
  });
}
