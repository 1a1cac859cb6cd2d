import { injectRunContext } from '../../runtime/context.ts';
import { defineCodeEval } from '../code/code-eval.ts';
import { humanEvalSource } from './data.ts';

// HumanEval: the model completes each function; `check(entry_point)` decides, inside the sandbox.
defineCodeEval({ name: 'humaneval', variant: 'instruct', label: 'HumanEval', data: humanEvalSource, id: (p) => p.taskId, run: injectRunContext() });
