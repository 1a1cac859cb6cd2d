import { injectEvalContext } from '../src/context.ts';
import { defineEvalSuite } from '../src/suite/define-eval-suite.ts';
import { getEvalClient } from '../src/suite/eval-client.ts';
import { getJudge } from '../src/suites/judge.ts';
import { loadMtBench, mtBenchPromptHash, mtBenchSuiteFacts, runMtBenchCase } from '../src/suites/mt-bench.ts';

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
