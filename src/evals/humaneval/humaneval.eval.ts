import { injectRunContext } from '../../runtime/context.ts';
import { defineEval } from '../../runtime/define-eval.ts';
import { humanEvalEvals } from './suite.ts';

for (const definition of humanEvalEvals(injectRunContext())) defineEval(definition);
