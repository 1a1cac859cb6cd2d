import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// The page's script: src/viewer/ui bundled by esbuild into one classic script (one file is what a single-file export
// needs; from the repository it bundles the .ts sources, from the installed package their compiled .js).

/** The page's script and style sheet. */
export interface UiAssets {
  script: string;
  css: string;
}

const UI_DIR = new URL('../../viewer/ui/', import.meta.url);
let assets: Promise<UiAssets> | undefined;

/** Bundle the page once per process. */
export function loadUiAssets(): Promise<UiAssets> {
  assets ??= bundleUi();
  assets.catch(() => {
    assets = undefined;
  });
  return assets;
}

async function bundleUi(): Promise<UiAssets> {
  const entry = ['main.ts', 'main.js'].map((name) => fileURLToPath(new URL(name, UI_DIR))).find((file) => existsSync(file));
  if (!entry)
    throw new Error(`The viewer's page sources are missing from ${fileURLToPath(UI_DIR)} (main.ts or main.js); reinstall qwen-evals.`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]!.text;
  const css = await readFile(new URL('styles.css', UI_DIR), 'utf8');
  return { script, css };
}
