import { resolve } from 'node:path';

// Watch mode re-runs the eval files whose module graph holds a changed file, but a local data file (`jsonl()`,
// `csv()`) is read, not imported: Vitest would never re-run its eval. The eval reporter notes which eval file read
// which local files (from each suite's pins) and this trigger maps a changed data file back to them. Both live in
// the main process, in separate module graphs (config bundle, reporter), hence `globalThis`.

const KEY = Symbol.for('qwen-evals.data-files');

function readers(): Map<string, Set<string>> {
  const global = globalThis as { [KEY]?: Map<string, Set<string>> };
  global[KEY] ??= new Map();
  return global[KEY];
}

/** Remember that `evalFile` read these local data files (paths relative to `root`, or absolute). */
export function noteDataFiles(evalFile: string, files: readonly string[], root: string): void {
  for (const file of files) {
    const path = resolve(root, file);
    const known = readers().get(path) ?? new Set<string>();
    known.add(evalFile);
    readers().set(path, known);
  }
}

/** The eval files that read `file`; undefined when none did (Vitest then follows its module graph). */
export function evalFilesReading(file: string): string[] | undefined {
  const files = readers().get(resolve(file));
  return files && files.size > 0 ? [...files] : undefined;
}

/** Vitest `watchTriggerPatterns` entry: a changed local data file re-runs the evals that read it. */
export const DATA_FILE_TRIGGER = {
  pattern: /\.(jsonl|csv|json|tsv|txt)$/i,
  testsToRun: (file: string) => evalFilesReading(file),
};
