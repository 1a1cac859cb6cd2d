import { injectRunContext } from '../../runtime/context.ts';
import { defineEval } from '../../runtime/define-eval.ts';
import { hellaswagEvals } from './suite.ts';

for (const definition of hellaswagEvals(injectRunContext())) defineEval(definition);
