import type { AnyEvalDefinition } from '../../runtime/define-eval.ts';
import type { RunContext } from '../../shared/context.ts';
import { codeEval } from '../code/code-eval.ts';
import { humanEvalCode } from './code-dataset.ts';
import { humanEvalSource } from './data.ts';

/** HumanEval: the model completes each function; `check(entry_point)` decides, inside the sandbox. */
export function humanEvalEvals(run: Pick<RunContext, 'code'>): AnyEvalDefinition[] {
  return [
    codeEval({
      dataset: humanEvalCode,
      variant: 'instruct',
      label: 'HumanEval',
      data: humanEvalSource,
      id: (p) => p.taskId,
      code: run.code,
    }),
  ];
}
