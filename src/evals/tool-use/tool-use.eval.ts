import { defineEval } from '../../runtime/define-eval.ts';
import { toolUseEvals } from './suite.ts';

for (const definition of toolUseEvals()) defineEval(definition);
