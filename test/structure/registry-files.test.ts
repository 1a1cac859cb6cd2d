import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { BUILTIN_DATASETS } from '../../src/evals/registry.ts';
import { repoRoot } from '../helpers/processes.ts';

// The registry finds a built-in's eval file and simulation script by its folder: an entry whose folder is wrong would
// drop the dataset from every run without a word (no eval file matches), so each entry's files are checked here.

test("every registry entry's folder holds its eval file and its simulation script", () => {
  const missing = BUILTIN_DATASETS.flatMap((d) =>
    [`src/evals/${d.folder}/${d.folder}.eval.ts`, `src/evals/${d.folder}/simulate.ts`]
      .filter((file) => !existsSync(join(repoRoot, file)))
      .map((file) => `${d.name} (folder '${d.folder}'): no ${file}`),
  );
  expect(missing).toEqual([]);
});
