import { injectRunContext } from '../../runtime/context.ts';
import { defineEval } from '../../runtime/define-eval.ts';
import { arcChallengeEvals } from './suite.ts';

for (const definition of arcChallengeEvals(injectRunContext())) defineEval(definition);
