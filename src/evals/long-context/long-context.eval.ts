import { injectRunContext } from '../../runtime/context.ts';
import { defineEval } from '../../runtime/define-eval.ts';
import { longContextEvals } from './suite.ts';

for (const definition of longContextEvals(injectRunContext())) defineEval(definition);
