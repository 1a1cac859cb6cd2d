import { describe, expect, test } from 'vitest';
import { productSources, runtimeClosure, type SourceFile } from './source-files.ts';

// Which code may import which: worker code (runs in Vitest's workers) never reaches main-process code, shared
// contracts depend on nothing of ours, main-process code loads of the worker side only the registry of built-in
// datasets, and the simulated vLLM is a separate program.

const sources = productSources();

const WORKER = /^src\/(runtime|scorers|evals)\/|^src\/(index|matchers)\.ts$/;
const MAIN = /^src\/node\/|^src\/config\.ts$|^setup\/|^reporters\//;
const SHARED = /^src\/shared\//;
const SIMULATOR = /^src\/simulator\//;
const REGISTRY = 'src/evals/registry.ts';

// "from -> to" for every import of `files` (of our own files) that `allowed` rejects.
function violations(files: SourceFile[], allowed: (target: string, typeOnly: boolean) => boolean): string[] {
  return files.flatMap((file) =>
    file.imports.filter((i) => i.target !== null && !allowed(i.target, i.typeOnly)).map((i) => `${file.path} -> ${i.target}`),
  );
}

describe('import boundaries', () => {
  test('the scan sees every layer', () => {
    for (const layer of [WORKER, MAIN, SHARED, SIMULATOR]) expect(sources.some((s) => layer.test(s.path))).toBe(true);
  });

  test('worker code never imports main-process code nor the simulator, not even its types', () => {
    expect(
      violations(
        sources.filter((s) => WORKER.test(s.path)),
        (target) => !MAIN.test(target) && !SIMULATOR.test(target),
      ),
    ).toEqual([]);
  });

  test('shared contracts import only other shared contracts', () => {
    expect(
      violations(
        sources.filter((s) => SHARED.test(s.path)),
        (target) => SHARED.test(target),
      ),
    ).toEqual([]);
  });

  test('main-process code loads of the worker side only the registry of built-in datasets', () => {
    const registry = runtimeClosure(REGISTRY);
    const allowed = (target: string, typeOnly: boolean) => typeOnly || MAIN.test(target) || SHARED.test(target) || registry.has(target);
    expect(
      violations(
        sources.filter((s) => MAIN.test(s.path)),
        allowed,
      ),
    ).toEqual([]);
  });

  test("the registry never loads the Vitest worker API, so the config loads without Vitest's runner", () => {
    expect([...runtimeClosure(REGISTRY)].filter((path) => path.startsWith('src/runtime/'))).toEqual([]);
  });

  test("the registry reads IFEval's and tool-use's metric specs without their checkers, tokenizers, language profiles and tools", () => {
    // The config loads the registry at every run, before the first request, and never calls the scoring machinery
    // behind these specs (bench/NOTES.md, "Callback streams").
    const heavy = /^src\/evals\/ifeval\/(checkers|nltk|langdetect)\/|^src\/evals\/tool-use\/tools\//;
    expect([...runtimeClosure(REGISTRY)].filter((path) => heavy.test(path))).toEqual([]);
  });

  test("the registry reads every built-in's metric specs without loading a dataset's scorer or the scorers' extractors", () => {
    // Specs live beside each dataset's metrics (`metrics.ts`) and beside each generic scorer's default (`metric.ts`):
    // the registry's graph was 73 modules with the scorers, 50 without (bench/NOTES.md, "a fairer floor").
    const scoring =
      /^src\/evals\/[^/]+\/(score|schemas)\.ts$|^src\/scorers\/(numeric|judge)\/|^src\/scorers\/(choice|json)\/(?!metric\.ts$)/;
    expect([...runtimeClosure(REGISTRY)].filter((path) => scoring.test(path))).toEqual([]);
  });

  test('the simulated vLLM imports nothing outside its own folder', () => {
    expect(
      violations(
        sources.filter((s) => SIMULATOR.test(s.path)),
        (target) => SIMULATOR.test(target),
      ),
    ).toEqual([]);
  });

  test('modules loaded by a computed path are only the built-in datasets loaded by the simulation script, and the simulator decoder json_output simulates with', () => {
    const computed = sources.flatMap((s) => s.imports.filter((i) => i.specifier.startsWith('<computed')).map(() => s.path));
    // json_output's EVAL_SIMULATE answers ask the simulator's own constrained decoder (plain .mjs, untyped) what it
    // makes of an answer, so expected scores follow the simulator exactly.
    expect(computed.sort()).toEqual(['src/evals/json-output/simulate.ts', 'src/node/simulation/build-script.ts']);
  });
});
