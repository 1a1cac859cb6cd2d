import { injectEvalContext } from '../src/context.ts';
import { defineEvalSuite } from '../src/suite/define-eval-suite.ts';
import { getEvalClient, getSampling } from '../src/suite/eval-client.ts';
import { ARC_LABELS, ARC_SUITE_FACTS, arcPromptHash, loadArcChallenge, runArcCase } from '../src/suites/arc-challenge.ts';

// ARC-Challenge test set: a stated letter in chat (chat_acc) and lm-eval's log-likelihood (acc, acc_norm).
const { server, run } = injectEvalContext();
const data = await loadArcChallenge(run, run.limit);

for (const variant of run.variants.arc_challenge) {
  const key = `arc_challenge/${variant}`;
  defineEvalSuite({
    ...ARC_SUITE_FACTS[variant],
    variant,
    label: ARC_LABELS[variant],
    pins: data.pins,
    promptHash: arcPromptHash(variant),
    datasetSize: data.size,
    cases: data.cases,
    caseId: (item) => item.id,
    client: getEvalClient(server, run),
    sampling: getSampling(run),
    thresholds: run.thresholds[key] ?? {},
    runCase: (item, context) => runArcCase(variant, item, context),
  });
}
