// Finding Debian's chromium for the browser tests: `CHROMIUM_PATH`, else the usual install paths, else PATH.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const KNOWN_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

/** Path of an executable chromium, or undefined when this machine has none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.CHROMIUM_PATH?.trim();
  if (explicit) return explicit;
  const onPath = (env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, 'chromium'));
  return [...KNOWN_PATHS, ...onPath].find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The chromium to use, or undefined with a loud message on a dev machine without one. In CI (`CI` set) a missing
 * chromium throws: `.ci/run` installs it, so its absence is a broken CI machine, not a reason to skip.
 */
export function requireChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const found = findChromium(env);
  if (found) return found;
  const message = 'chromium is not installed: the viewer browser tests need it (`apt-get install chromium`, or set CHROMIUM_PATH).';
  if (env.CI?.trim()) throw new Error(`${message} In CI .ci/run installs it; this machine is missing it.`);
  console.warn(`\n!!! SKIPPING the viewer browser tests: ${message}\n`);
  return undefined;
}
