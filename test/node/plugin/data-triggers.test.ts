import { describe, expect, test } from 'vitest';
import { DATA_FILE_TRIGGER, evalFilesReading, noteDataFiles } from '../../../src/node/plugin/data-triggers.ts';

// Watch mode: a local data file is read, not imported, so its change re-runs the evals that read it through this
// trigger rather than through Vitest's module graph.

describe('data file triggers', () => {
  test('map a changed local data file back to the eval files that read it', () => {
    noteDataFiles('/project/evals/a.eval.ts', ['data/cases.jsonl'], '/project');
    noteDataFiles('/project/evals/b.eval.ts', ['/project/data/cases.jsonl', 'data/other.csv'], '/project');
    expect(DATA_FILE_TRIGGER.testsToRun('/project/data/cases.jsonl')?.sort()).toEqual([
      '/project/evals/a.eval.ts',
      '/project/evals/b.eval.ts',
    ]);
    expect(evalFilesReading('/project/data/other.csv')).toEqual(['/project/evals/b.eval.ts']);
  });

  test('leave a data file no eval read to Vitest', () => {
    expect(evalFilesReading('/project/data/unknown.jsonl')).toBeUndefined();
    expect(DATA_FILE_TRIGGER.pattern.test('/project/src/evals/gsm8k/prompt.ts')).toBe(false);
  });
});
