#!/usr/bin/env node
// The `qwen-evals` command. The installed package runs the compiled main.js; a checkout of the repository runs
// main.ts through a loader that strips its types with esbuild (Node 20 cannot run TypeScript itself).
import { existsSync } from 'node:fs';
import { register } from 'node:module';

let cli;
if (existsSync(new URL('./main.js', import.meta.url))) {
  cli = await import('./main.js');
} else {
  register('./ts-loader.mjs', import.meta.url);
  cli = await import('./main.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
