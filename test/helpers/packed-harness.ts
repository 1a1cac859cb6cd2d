import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { repoRoot } from './processes.ts';

/**
 * Install this repository as a user gets it into the project at `dir`: `pnpm pack` (which builds dist/) into `work`,
 * the tarball as the project's `qwen-evals` dev dependency, then `pnpm install`.
 */
export async function installPackedHarness(dir: string, work: string): Promise<void> {
  await execa('pnpm', ['pack', '--pack-destination', work], { cwd: repoRoot });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  const manifestFile = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { devDependencies?: Record<string, string> };
  manifest.devDependencies = { ...manifest.devDependencies, 'qwen-evals': `file:${join(work, tarball)}` };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  await execa('pnpm', ['install', '--prefer-offline'], { cwd: dir });
}
