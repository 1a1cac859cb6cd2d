import { injectEvalContext } from '../src/runtime/context.ts';
import { defineEvalSuite } from '../src/runtime/define-eval-suite.ts';
import { getEvalClient } from '../src/runtime/eval-client.ts';
import { getJudge } from '../src/runtime/judge.ts';
import { loadMtBench, mtBenchPromptHash, mtBenchSuiteFacts, runMtBenchCase } from '../src/evals/mt-bench/suite.ts';

// MT-Bench: two turns per question, each rated 1-10 by the configured judge (FastChat single-answer grading).
const { server, run } = injectEvalContext();
const data = await loadMtBench(run, run.limit);
const client = getEvalClient(server, run);
const judge = getJudge(server, run, client);

defineEvalSuite({
  ...mtBenchSuiteFacts,
  pins: data.pins,
  promptHash: mtBenchPromptHash(data),
  datasetSize: data.size,
  judge: { model: judge.model, baseUrl: judge.baseUrl },
  cases: data.cases,
  caseId: (item) => item.id,
  client,
  runCase: (item, context) => runMtBenchCase(item, data, judge, context),
});
