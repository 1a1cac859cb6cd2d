#!/usr/bin/env node
// The `qwen-evals` command. The installed package runs the compiled main.js; a checkout of the repository runs
// main.ts through a loader that strips its types with esbuild (Node 20 cannot run TypeScript itself).
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const compiled = new URL('./main.js', import.meta.url);
let entry = compiled;
if (!existsSync(compiled)) {
  register('./ts-loader.mjs', import.meta.url);
  entry = new URL('./main.ts', import.meta.url);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
