import { defineEval } from '../../runtime/define-eval.ts';
import { multiTurnEvals } from './suite.ts';

for (const definition of multiTurnEvals()) defineEval(definition);
