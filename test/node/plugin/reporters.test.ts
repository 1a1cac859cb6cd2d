import type { Plugin } from 'vitest/config';
import { describe, expect, test } from 'vitest';
import { withEvals } from '../../../src/config.ts';

// The plugin's configureVitest, with the reporters a command line left it and one model project selected.
async function reportersAfter(cliReporters: unknown[]): Promise<unknown[]> {
  const config = withEvals({ models: { m: { id: 'Qwen/Qwen2.5-7B-Instruct' } } });
  const project = config.test!.projects![0] as { plugins: Plugin[]; test: { provide: unknown } };
  const reporters = [...cliReporters];
  const vitest = { config: { reporters, shard: undefined }, projects: [{ config: { provide: project.test.provide } }] };
  const hook = project.plugins[0]!.configureVitest as (context: { vitest: unknown }) => Promise<void>;
  await hook({ vitest });
  return reporters;
}

describe('reporters of an eval run', () => {
  test('a command-line --reporter keeps the eval reporter and the json report in results/vitest', async () => {
    const reporters = await reportersAfter(['dot']);
    expect(reporters[0]).toBe('dot');
    expect(reporters.some((r) => r?.constructor?.name === 'EvalReporter')).toBe(true);
    expect(reporters).toContainEqual(['json', { outputFile: expect.stringMatching(/[\\/]results[\\/]vitest[\\/][^\\/]+\.json$/) }]);
  });

  test('a json reporter the command line chose is left as it is, with no second one', async () => {
    const reporters = await reportersAfter([['json', { outputFile: 'mine.json' }]]);
    expect(reporters.filter((r) => Array.isArray(r) && r[0] === 'json')).toEqual([['json', { outputFile: 'mine.json' }]]);
  });
});
