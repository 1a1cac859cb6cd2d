import { injectEvalContext } from '../src/runtime/context.ts';
import { defineEvalSuite } from '../src/runtime/define-eval-suite.ts';
import { GSM8K_LABELS, gsm8kPromptHash, gsm8kSuiteFacts, loadGsm8k, runGsm8kCase } from '../src/evals/gsm8k/suite.ts';

// GSM8K test set: strict (\boxed{}) and flexible (last number) scores side by side.
const { run } = injectEvalContext();
const variants = run.variants.gsm8k;
const data = await loadGsm8k(run, run.limit, variants);

for (const variant of variants) {
  defineEvalSuite({
    ...gsm8kSuiteFacts,
    variant,
    label: GSM8K_LABELS[variant],
    pins: data.pins,
    promptHash: gsm8kPromptHash(variant, data.train),
    datasetSize: data.size,
    cases: data.cases,
    caseId: (item) => item.id,
    runCase: (item, context) => runGsm8kCase(variant, item, data.train, context),
  });
}
