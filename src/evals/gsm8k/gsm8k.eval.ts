import { injectRunContext } from '../../runtime/context.ts';
import { defineEval } from '../../runtime/define-eval.ts';
import { gsm8kEvals } from './suite.ts';

for (const definition of gsm8kEvals(injectRunContext())) defineEval(definition);
