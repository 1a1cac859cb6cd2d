import { injectRunContext } from '../../runtime/context.ts';
import { defineEval } from '../../runtime/define-eval.ts';
import { jsonOutputEvals } from './suite.ts';

for (const definition of jsonOutputEvals(injectRunContext())) defineEval(definition);
