// Build the installable package: compile src/, setup/ and reporters/ to dist/ (JS + declarations), then copy the
// files the code loads by path at run time (sandbox .py, the simulated vLLM's .mjs/json and executable, data files).
import { chmodSync, cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
// Sources are compiled; documentation stays in the repository.
const SKIPPED = new Set(['.ts', '.md']);

rmSync(dist, { recursive: true, force: true });
// TypeScript 7 exports no `bin/tsc` subpath: found beside its package.json.
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
// Emit only: `pnpm run typecheck` checks the same sources, and checking again would double the build time.
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--noCheck'], { stdio: 'inherit', cwd: root });

let copied = 0;
for (const file of listFiles(join(root, 'src'))) {
  if (SKIPPED.has(extname(file))) continue;
  const target = join(dist, relative(root, file));
  cpSync(file, target);
  // Executables (the simulated `vllm`) keep their mode; the launcher spawns them by path.
  chmodSync(target, statSync(file).mode & 0o777);
  copied++;
}
console.log(`dist/: compiled, ${copied} run-time assets copied`);

function* listFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* listFiles(path);
    else yield path;
  }
}
