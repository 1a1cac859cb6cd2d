import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type * as ConfigEntry from '../../src/config.ts';
import { BUILTIN_DATASETS } from '../../src/evals/registry.ts';
import { CodeConfigSchema } from '../../src/shared/config/schema.ts';
import { repoRoot } from '../helpers/processes.ts';

// "A new built-in is one folder plus one line in src/evals/builtins.ts": proven on a throwaway copy of src/ (inside
// the repository, so its packages resolve), where an existing dataset's folder is cloned under a new name and
// registered with one line; nothing else is edited, and the config API then knows the new dataset.

// A dataset whose name has two words, so every spelling of it differs and renames apart.
const TEMPLATE = BUILTIN_DATASETS.find((d) => d.name.split('_').length === 2)!;
const NAME = 'added_dataset';
const FOLDER = 'added-dataset';

// Every spelling of the template's name (`arc_challenge`, `arc-challenge`, `arcChallenge`, `ARC_CHALLENGE`, ...).
function renamings(): [RegExp, string][] {
  const words = TEMPLATE.name.split('_');
  const newWords = NAME.split('_');
  const camel = (w: string[]) =>
    w[0] +
    w
      .slice(1)
      .map((x) => x[0]!.toUpperCase() + x.slice(1))
      .join('');
  const pascal = (w: string[]) => w.map((x) => x[0]!.toUpperCase() + x.slice(1)).join('');
  return [
    [new RegExp(words.join('_'), 'g'), newWords.join('_')],
    [new RegExp(TEMPLATE.folder, 'g'), FOLDER],
    [new RegExp(camel(words), 'g'), camel(newWords)],
    [new RegExp(pascal(words), 'g'), pascal(newWords)],
    [new RegExp(words.join('_').toUpperCase(), 'g'), newWords.join('_').toUpperCase()],
  ];
}

let copy: string;

beforeAll(() => {
  mkdirSync(join(repoRoot, '.cache'), { recursive: true });
  copy = mkdtempSync(join(repoRoot, '.cache', 'add-builtin-'));
  cpSync(join(repoRoot, 'src'), join(copy, 'src'), { recursive: true });
  cpSync(join(repoRoot, 'package.json'), join(copy, 'package.json'));
  const from = join(copy, 'src/evals', TEMPLATE.folder);
  const to = join(copy, 'src/evals', FOLDER);
  mkdirSync(to);
  for (const file of readdirSync(from)) {
    const rename = (text: string) => renamings().reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
    writeFileSync(join(to, rename(file)), rename(readFileSync(join(from, file), 'utf8')));
  }
  appendFileSync(join(copy, 'src/evals/builtins.ts'), `export { addedDataset } from './${FOLDER}/builtin.ts';\n`);
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

// A config selecting the new dataset, with a threshold on its primary metric of its first variant.
function configUsing(): Parameters<typeof ConfigEntry.withEvals>[0] {
  const key = `${NAME}/${TEMPLATE.variants[0]}`;
  const metric = TEMPLATE.metrics(TEMPLATE.variants[0]!, { code: CodeConfigSchema.parse({}) })[0]!.name;
  return {
    models: { m: { id: 'Qwen/Qwen2.5-7B-Instruct' } },
    evals: { builtins: [NAME], include: [] },
    thresholds: { m: { [key]: { [metric]: 0.5 } } },
  };
}

function modelProject(config: ReturnType<typeof ConfigEntry.withEvals>): TestProjectInlineConfiguration {
  return (config.test!.projects as TestProjectInlineConfiguration[]).find((p) => p.test?.name === 'm')!;
}

describe('adding a built-in dataset', () => {
  test('the unchanged sources refuse the new name (the check below is not vacuous)', async () => {
    const { withEvals } = await import('../../src/config.ts');
    expect(() => withEvals(configUsing())).toThrow(NAME);
  });

  test('one folder plus one line in builtins.ts: the config accepts it and its thresholds, and the model project runs its eval file', async () => {
    const { withEvals } = (await import(pathToFileURL(join(copy, 'src/config.ts')).href)) as typeof ConfigEntry;
    const include = modelProject(withEvals(configUsing())).test!.include!;
    const evalFile = join(copy, 'src/evals', FOLDER, `${FOLDER}.eval.ts`);
    expect(include.filter((file) => file.includes('/src/evals/'))).toEqual([evalFile]);
    expect(existsSync(evalFile)).toBe(true);
  });
});
