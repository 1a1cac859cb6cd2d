import { describe, expect, test } from 'vitest';
import { productSources, runtimeClosure } from './source-files.ts';

// What loads before the first request: the modules a file reaches through static imports (an `import(...)` loads when
// its code runs). The run-end and rarely used machinery stays out of that set (bench/NOTES.md, "Callback streams").

// The files `start` loads with itself.
const loadedWith = (start: string): string[] => [...runtimeClosure(start, { dynamic: false })];

// The product files that load package `name` with themselves.
const importing = (name: string): string[] =>
  productSources()
    .filter((source) => source.imports.some((i) => i.specifier === name && !i.typeOnly && !i.dynamic))
    .map((source) => source.path);

describe('modules loaded before the first request', () => {
  test('the config, the global setup and the eval reporter leave the tracker to the end of the run', () => {
    const main = ['src/config.ts', 'src/node/server/global-setup.ts', 'src/node/report/eval-reporter.ts'].flatMap(loadedWith);
    expect(main.length).toBeGreaterThan(50);
    expect(main.filter((path) => path.startsWith('src/node/tracker/'))).toEqual([]);
  });

  test('the launcher loads its process library with the first launch, and nothing the main process loads first imports it', () => {
    const main = new Set(['src/config.ts', 'src/node/server/global-setup.ts', 'src/node/report/eval-reporter.ts'].flatMap(loadedWith));
    const launcher = productSources().find((source) => source.path === 'src/node/server/launch-server.ts')!;
    expect(launcher.imports.some((i) => i.specifier === 'execa' && i.dynamic)).toBe(true);
    expect(importing('execa').filter((path) => main.has(path))).toEqual([]);
  });

  test('the global setup leaves the response cache and the dataset mirror to the runs that turn them on', () => {
    const setup = loadedWith('src/node/server/global-setup.ts');
    expect(setup).toContain('src/node/server/response-cache/open-run-cache.ts');
    expect(setup).toContain('src/node/datasets/start-mirror.ts');
    const onDemand = [
      'src/node/server/response-cache/response-cache.ts',
      'src/node/server/response-cache/cache-key.ts',
      'src/node/datasets/mirror-server.ts',
    ];
    expect(setup.filter((path) => onDemand.includes(path))).toEqual([]);
  });

  test('define-eval leaves the gates and their statistics to the first gate', () => {
    const worker = loadedWith('src/runtime/define-eval.ts');
    expect(worker).toContain('src/runtime/client/chat.ts');
    expect(worker.filter((path) => path === 'src/runtime/gate.ts' || path.startsWith('src/shared/gates/'))).toEqual([]);
  });

  test('the eval files leave the CSV parser to the first CSV file', () => {
    const entry = new Set(['src/index.ts', 'src/runtime/define-eval.ts'].flatMap(loadedWith));
    expect(entry).toContain('src/runtime/data.ts');
    expect(importing('csv-parse/sync').filter((path) => entry.has(path))).toEqual([]);
  });

  test("the package's entry leaves the sandbox to the first sandbox", () => {
    const entry = loadedWith('src/index.ts');
    expect(entry).toContain('src/scorers/python-tests/python-tests.ts');
    expect(entry.filter((path) => path.startsWith('src/scorers/python-tests/sandbox/') && !path.endsWith('/types.ts'))).toEqual([]);
  });
});
