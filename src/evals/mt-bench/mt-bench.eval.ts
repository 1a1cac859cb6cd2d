import { getServerStatus, injectRunContext } from '../../runtime/context.ts';
import { defineEval } from '../../runtime/define-eval.ts';
import { createJudge } from '../../runtime/judge.ts';
import { mtBenchEvals } from './suite.ts';

const run = injectRunContext();
for (const definition of mtBenchEvals(createJudge(run, await getServerStatus(run)))) defineEval(definition);
