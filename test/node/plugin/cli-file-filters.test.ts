import { describe, expect, test } from 'vitest';
import { requiredContext, selectedBuiltins } from '../../../src/evals/registry.ts';
import { cliFileFilters } from '../../../src/node/plugin/cli-file-filters.ts';
import { withEvals } from '../../../src/node/plugin/with-evals.ts';

const argv = (...args: string[]) => ['node', '/repo/node_modules/vitest/vitest.mjs', ...args];
const names = (list: { name: string }[]) => list.map((d) => d.name);

describe('opt-in built-ins', () => {
  test('reads the file filters of a vitest command line, skipping the command and option values', () => {
    expect(cliFileFilters(argv('run', '--project', 'qwen3_8b', 'Long-Context', '--reporter=verbose', 'gsm8k'))).toEqual([
      'long-context',
      'gsm8k',
    ]);
    expect(cliFileFilters(argv('--project', 'qwen3_8b', '-c', 'my.config.ts', '--shard', '1/2'))).toEqual([]);
  });

  test("leaves long_context out of `'all'` and takes it in when the config names it or a file filter matches its eval file", () => {
    expect(names(selectedBuiltins({ builtins: 'all' }))).not.toContain('long_context');
    expect(names(selectedBuiltins({ builtins: 'all' }, ['gsm8k']))).not.toContain('long_context');
    expect(names(selectedBuiltins({ builtins: 'all' }, ['long-context']))).toContain('long_context');
    expect(names(selectedBuiltins({ builtins: ['gsm8k'] }, ['long']))).toEqual(['gsm8k', 'long_context']);
    expect(names(selectedBuiltins({ builtins: ['long_context'] }))).toEqual(['long_context']);
  });

  test('the context a run needs is its longest selected length; other built-ins need none of their own', () => {
    const both = selectedBuiltins({ builtins: ['gsm8k', 'long_context'] });
    expect(requiredContext(both, { long_context: ['4k', '64k'] })).toBe(65536);
    expect(requiredContext(both, {})).toBe(32768);
    expect(requiredContext(selectedBuiltins({ builtins: ['gsm8k'] }), {})).toBe(0);
  });
});

describe('model projects and opt-in built-ins', () => {
  const includeOf = (argv: string[]) => {
    const saved = process.argv;
    process.argv = argv;
    try {
      const config = withEvals({ models: { m: { id: 'Qwen/Qwen2.5-7B-Instruct' } } });
      return (config.test!.projects![0] as { test: { include: string[] } }).test.include;
    } finally {
      process.argv = saved;
    }
  };

  test('a plain run of a model project leaves the long-context eval file out; a file filter naming it puts it in', () => {
    expect(includeOf(argv('run', '--project', 'm')).some((file) => file.includes('long-context'))).toBe(false);
    expect(includeOf(argv('run', '--project', 'm')).some((file) => file.includes('gsm8k'))).toBe(true);
    expect(includeOf(argv('run', '--project', 'm', 'long-context')).some((file) => file.includes('long-context.eval'))).toBe(true);
  });

  test('a plain run leaves the serving benchmark out; a file filter naming it puts it in', () => {
    expect(includeOf(argv('run', '--project', 'm')).some((file) => file.includes('throughput.eval'))).toBe(false);
    expect(includeOf(argv('run', '--project', 'm', 'gsm8k')).some((file) => file.includes('throughput.eval'))).toBe(false);
    expect(includeOf(argv('run', '--project', 'm', 'throughput')).some((file) => file.includes('throughput.eval'))).toBe(true);
  });
});
