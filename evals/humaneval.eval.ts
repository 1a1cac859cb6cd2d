import { afterAll } from 'vitest';
import { injectEvalContext } from '../src/runtime/context.ts';
import { defineEvalSuite } from '../src/runtime/define-eval-suite.ts';
import { codeMetricSpecs, codePromptHash, getSandbox, loadHumanEval, runCodeCase } from '../src/evals/code/suite.ts';

// HumanEval: the model completes each function; `check(entry_point)` decides, inside the sandbox.
const { run } = injectEvalContext();
const data = await loadHumanEval(run, run.limit);
const sandbox = await getSandbox(run.code.sandbox);
afterAll(() => sandbox.close());
const metricSpecs = codeMetricSpecs(run.code);

defineEvalSuite({
  dataset: 'humaneval',
  variant: 'instruct',
  label: run.code.samples === 1 ? 'HumanEval (chat, greedy pass@1, sandboxed)' : `HumanEval (chat, pass@k from ${run.code.samples} samples, sandboxed)`,
  primaryMetric: metricSpecs[0]!.name,
  metricSpecs,
  pins: data.pins,
  promptHash: codePromptHash(data.cases[0] ?? { kind: 'humaneval', taskId: '-', prompt: '', canonicalSolution: '', test: '', entryPoint: 'f' }),
  datasetSize: data.size,
  cases: data.cases,
  caseId: (item) => item.taskId,
  runCase: (item, context) => runCodeCase(item, sandbox, run.code, context),
});
