import { defineEval } from '../../runtime/define-eval.ts';
import { ifevalEvals } from './suite.ts';

for (const definition of ifevalEvals()) defineEval(definition);
