import { describe, expect, test } from 'vitest';
import { resumeCommand } from '../../../src/node/report/resume-command.ts';

const argv = (...args: string[]) => ['node', 'vitest.mjs', ...args];

describe('the resume line', () => {
  test('repeats the Vitest arguments and the harness variables that shape the run', () => {
    const env = { EVAL_SIMULATE: 'mix:0.7', EVAL_LIMIT: '400', EVAL_RESULTS_DIR: 'out', HOME: '/root', EVAL_PRESET: ' ' };
    expect(resumeCommand('r1', 'qwen3_8b', { argv: argv('run', '--project', 'qwen3_8b', 'gsm8k'), env })).toBe(
      'EVAL_RESUME=r1 EVAL_LIMIT=400 EVAL_RESULTS_DIR=out EVAL_SIMULATE=mix:0.7 pnpm vitest run --project qwen3_8b gsm8k',
    );
  });

  test('leaves out secrets and the run it resumes or replays', () => {
    const env = { EVAL_API_KEY: 'sk-1', EVAL_JUDGE_API_KEY: 'sk-2', EVAL_RESUME: 'old', EVAL_REPLAY: 'other' };
    expect(resumeCommand('r1', 'm', { argv: argv('run'), env })).toBe('EVAL_RESUME=r1 pnpm vitest run --project m');
  });

  test('quotes values and arguments a shell would split', () => {
    const env = { EVAL_BASE_URL: 'http://a:8000, http://b:8000' };
    expect(resumeCommand('r1', 'm', { argv: argv('run', '-t', "it's"), env })).toBe(
      `EVAL_RESUME=r1 EVAL_BASE_URL='http://a:8000, http://b:8000' pnpm vitest run -t 'it'\\''s'`,
    );
  });
});
