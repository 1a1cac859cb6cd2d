import type { AnyEvalDefinition } from '../../runtime/define-eval.ts';
import type { RunContext } from '../../shared/context.ts';
import { codeEval } from '../code/code-eval.ts';
import { mbppCode } from './code-dataset.ts';
import { mbppSource } from './data.ts';
import type { MbppSplit } from './reader.ts';

const LABELS: Record<MbppSplit, string> = { test: 'MBPP (test ids 11-510)', 'sanitized-test': 'MBPP (sanitized test)' };

/** MBPP per split: task text plus the first test as the hint; `test_list` asserts (after `test_setup_code`) decide. */
export function mbppEvals(run: Pick<RunContext, 'code' | 'variants'>): AnyEvalDefinition[] {
  const splits = (run.variants.mbpp ?? ['test']) as MbppSplit[];
  return splits.map((split) =>
    codeEval({
      dataset: mbppCode,
      variant: split,
      label: LABELS[split],
      data: mbppSource(split),
      id: (p) => String(p.taskId),
      code: run.code,
    }),
  );
}
