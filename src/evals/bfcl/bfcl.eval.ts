import { injectRunContext } from '../../runtime/context.ts';
import { defineEval } from '../../runtime/define-eval.ts';
import { bfclEvals } from './suite.ts';

for (const definition of bfclEvals(injectRunContext())) defineEval(definition);
