#!/usr/bin/env node
// qwen-evals command line: `qwen-evals merge <run records...>` (see src/node/merge/merge-command.ts) and
// `qwen-evals view [results dir]` (the case viewer, src/cli/). Merge's modules (and the user's TypeScript eval config)
// are loaded through Vite's module runner, the way Vitest loads them; the viewer's launcher loads its own.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createViteServer } from 'vitest/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...args] = process.argv.slice(2);

if (command === 'view') {
  // The launcher reads process.argv itself, runs until the server stops or the export is written, and sets the exit code.
  const launcher = join(root, 'src', 'cli', 'qwen-evals.mjs');
  await import(pathToFileURL(existsSync(launcher) ? launcher : join(root, 'dist', 'src', 'cli', 'qwen-evals.mjs')).href);
  process.exit(process.exitCode ?? 0);
}
// In the repository the TypeScript sources; in the installed package (files: dist, bin) the compiled ones.
const COMMANDS = { merge: 'node/merge/merge-command' };
const entry = (module) =>
  existsSync(join(root, 'src', `${module}.ts`)) ? join(root, 'src', `${module}.ts`) : join(root, 'dist', 'src', `${module}.js`);

if (!command || !(command in COMMANDS)) {
  console.log(
    `Usage: qwen-evals <command> [options]\n\nCommands:\n  merge   join the run records of a sharded run into one run record (qwen-evals merge --help)\n  view    browse a results folder in the browser, or export it as one HTML file (qwen-evals view --help)`,
  );
  process.exit(command === undefined || ['--help', '-h', 'help'].includes(command) ? 0 : 2);
}

const vite = await createViteServer({
  root,
  configFile: false,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false, watch: null },
  optimizeDeps: { noDiscovery: true, include: [] },
});
let code = 1;
try {
  const { runMergeCommand } = await vite.ssrLoadModule(entry(COMMANDS[command]));
  code = await runMergeCommand(args, {
    log: (line) => console.log(line),
    importModule: (path) => vite.ssrLoadModule(path),
    cwd: process.cwd(),
    env: process.env,
  });
} finally {
  await vite.close();
}
process.exit(code);
