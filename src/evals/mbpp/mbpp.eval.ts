import { injectRunContext } from '../../runtime/context.ts';
import { defineEval } from '../../runtime/define-eval.ts';
import { mbppEvals } from './suite.ts';

for (const definition of mbppEvals(injectRunContext())) defineEval(definition);
