import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The installed qwen-evals package (this repository when run from source, node_modules/qwen-evals when installed):
// found by walking up from this module, so it holds in source, in dist and after a move. Its package.json is read
// once, when found.

/** The fields of qwen-evals' own package.json the harness reads. */
export interface PackageManifest {
  name: string;
  version?: string;
  peerDependencies?: Record<string, string>;
}

let found: { root: string; manifest: PackageManifest } | undefined;

function findPackage(): { root: string; manifest: PackageManifest } {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as PackageManifest;
      if (manifest.name === 'qwen-evals') {
        found = { root: dir, manifest };
        return found;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`qwen-evals: cannot find its own package.json above ${fileURLToPath(import.meta.url)}.`);
    dir = parent;
  }
}

/** Folder holding qwen-evals' own package.json. */
export function packageRoot(): string {
  return findPackage().root;
}

/** qwen-evals' own package.json, as read when the package was found. */
export function packageManifest(): PackageManifest {
  return findPackage().manifest;
}

/** qwen-evals' version, recorded in every run (`harness.version` in the fingerprint). */
export function harnessVersion(): string {
  return packageManifest().version ?? '0.0.0';
}
