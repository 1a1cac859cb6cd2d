import { selectedBuiltins } from '../../evals/registry.ts';
import type { SimulationModule, SimulationScript } from '../../evals/builtin.ts';
import { entryPath } from '../plugin/entry-path.ts';
import type { CodeConfig, EvalsConfig } from '../../shared/config/schema.ts';
import type { DataContext } from '../../runtime/data.ts';
import type { SimulationMode } from '../../shared/simulation-rules.ts';

/** What the script is built for. */
export interface BuildScriptOptions {
  mode: SimulationMode;
  source: DataContext;
  limit: number | null;
  evals: Pick<EvalsConfig, 'builtins'>;
  /** Variants per built-in dataset name. */
  variants: Record<string, string[]>;
  code: CodeConfig;
  /**
   * Loads a folder's `simulate` module by path: Vitest's `project.import` in a run (it runs the TypeScript sources, which
   * the natively loaded main process cannot import). @default the runtime's `import()`
   */
  importModule?: (path: string) => Promise<unknown>;
}

// Answer every case of every selected built-in dataset from its own gold (or a wrong answer), per the mode.
export async function buildSimulationScript(options: BuildScriptOptions): Promise<Required<SimulationScript>> {
  const script: Required<SimulationScript> = { rules: [], expected: {}, cases: {} };
  for (const dataset of selectedBuiltins(options.evals)) {
    // Loaded by path, so the registry (read when vitest.config.ts loads) does not pull every dataset's code in.
    const path = entryPath(`src/evals/${dataset.folder}/simulate`);
    const { simulate } = (await (options.importModule ?? nativeImport)(path)) as SimulationModule;
    const part = await simulate({ ...options, variants: options.variants[dataset.name] ?? dataset.defaultVariants });
    script.rules.push(...part.rules);
    Object.assign(script.expected, part.expected);
    Object.assign(script.cases, part.cases ?? {});
  }
  return script;
}

function nativeImport(path: string): Promise<unknown> {
  return import(path);
}
