import { injectRunContext } from '../../runtime/context.ts';
import { defineCodeEval } from '../code/code-eval.ts';
import { mbppSource } from './data.ts';
import type { MbppSplit } from './reader.ts';

// MBPP: task text plus the first test as the signature hint; `test_list` asserts (after `test_setup_code`) decide.
const run = injectRunContext();
const LABELS: Record<MbppSplit, string> = { test: 'MBPP (test ids 11-510)', 'sanitized-test': 'MBPP (sanitized test)' };

for (const split of (run.variants.mbpp ?? ['test']) as MbppSplit[]) {
  defineCodeEval({ name: 'mbpp', variant: split, label: LABELS[split], data: mbppSource(split), id: (p) => String(p.taskId), run });
}
