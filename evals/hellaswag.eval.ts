import { injectEvalContext } from '../src/runtime/context.ts';
import { defineEvalSuite } from '../src/runtime/define-eval-suite.ts';
import { HELLASWAG_SUITE_FACTS, HELLASWAG_SUITE_LABELS, hellaswagPromptHash, loadHellaswag, runHellaswagCase } from '../src/evals/hellaswag/suite.ts';

// HellaSwag validation set: lm-eval's log-likelihood (acc_norm primary) and the endings labelled A-D in chat.
const { run } = injectEvalContext();
const data = await loadHellaswag(run, run.limit);

for (const variant of run.variants.hellaswag) {
  defineEvalSuite({
    ...HELLASWAG_SUITE_FACTS[variant],
    variant,
    label: HELLASWAG_SUITE_LABELS[variant],
    pins: data.pins,
    promptHash: hellaswagPromptHash(variant),
    datasetSize: data.size,
    cases: data.cases,
    caseId: (item) => item.id,
    runCase: (item, context) => runHellaswagCase(variant, item, context),
  });
}
