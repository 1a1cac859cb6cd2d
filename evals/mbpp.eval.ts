import { afterAll } from 'vitest';
import { injectEvalContext } from '../src/runtime/context.ts';
import { defineEvalSuite } from '../src/runtime/define-eval-suite.ts';
import { codeMetricSpecs, codePromptHash, getSandbox, loadMbpp, runCodeCase } from '../src/evals/code/suite.ts';

// MBPP: task text plus the first test as the signature hint; `test_list` asserts (after `test_setup_code`) decide.
const { run } = injectEvalContext();
const split = run.code.mbppSplit;
const data = await loadMbpp(run, run.limit, split);
const sandbox = await getSandbox(run.code.sandbox);
afterAll(() => sandbox.close());
const metricSpecs = codeMetricSpecs(run.code);

defineEvalSuite({
  dataset: 'mbpp',
  variant: split,
  label: `MBPP (${split === 'test' ? 'test ids 11-510' : 'sanitized test'}, chat, ${run.code.samples === 1 ? 'greedy pass@1' : `pass@k from ${run.code.samples} samples`}, sandboxed)`,
  primaryMetric: metricSpecs[0]!.name,
  metricSpecs,
  pins: data.pins,
  promptHash: codePromptHash(data.cases[0] ?? { kind: 'mbpp', taskId: 0, text: '', code: '', testList: [], testSetupCode: '', entryPoint: 'f' }),
  datasetSize: data.size,
  cases: data.cases,
  caseId: (item) => String(item.taskId),
  runCase: (item, context) => runCodeCase(item, sandbox, run.code, context),
});
