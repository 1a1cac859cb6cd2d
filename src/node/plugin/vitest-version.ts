import { createRequire } from 'node:module';
import { ConfigError } from '../../shared/errors.ts';
import { harnessVersion, packageManifest } from '../../shared/package-root.ts';

// The harness drives Vitest through its config, plugin, reporter and pool APIs, which change between majors (Vitest 5
// also needs Node 22). A Vitest outside the peer range fails deep inside a run, with an error that names neither
// package (`Map.groupBy is not a function` on Node 20), and `pnpm add -D vitest` installs the newest major: so the
// version is checked when the config loads, before any server starts.

/** The verdict on a Vitest version: fine, untested (a newer minor of the same major) or unsupported. */
export type VitestVersionVerdict = { kind: 'supported' } | { kind: 'untested' | 'unsupported'; message: string };

/**
 * Judge Vitest `running` against the peer range `peerRange` (`~x.y.z` or `^x.y.z`, as in qwen-evals' package.json):
 * another major or an older version is unsupported, a version past a `~` range's minor is untested.
 */
export function judgeVitestVersion(running: string, peerRange: string, harness: string): VitestVersionVerdict {
  const range = /^([~^])(\d+)\.(\d+)\.(\d+)$/.exec(peerRange);
  if (!range) throw new Error(`qwen-evals' peer range for vitest is "${peerRange}", expected ~x.y.z or ^x.y.z.`);
  const [, operator, ...minimum] = range;
  const [major, minor, patch] = minimum.map(Number) as [number, number, number];
  const version = /^(\d+)\.(\d+)\.(\d+)/.exec(running)?.slice(1).map(Number);
  const install = `install a supported one: \`pnpm add -D vitest@${peerRange}\`.`;
  if (!version || version[0] !== major || compareVersions(version, [major, minor, patch]) < 0) {
    return {
      kind: 'unsupported',
      message: `qwen-evals ${harness} runs on Vitest ${peerRange} (its peer dependency); this project has Vitest ${running}: ${install}`,
    };
  }
  if (operator === '~' && version[1] !== minor) {
    return {
      kind: 'untested',
      message: `Vitest ${running} is newer than the Vitest qwen-evals ${harness} was tested with (${peerRange}); if a run misbehaves, ${install}`,
    };
  }
  return { kind: 'supported' };
}

/** Stop at once on a Vitest the harness does not run on; warn once on a newer, untested minor. */
export function checkVitestVersion(): void {
  const peerRange = packageManifest().peerDependencies?.vitest;
  if (!peerRange) throw new Error("qwen-evals' package.json names no peer dependency on vitest.");
  // The Vitest this package resolves is the one running it: pnpm links a peer from the project that installed it.
  const vitest = createRequire(import.meta.url)('vitest/package.json') as { version: string };
  const verdict = judgeVitestVersion(vitest.version, peerRange, harnessVersion());
  if (verdict.kind === 'unsupported') throw new ConfigError(verdict.message);
  if (verdict.kind === 'untested') console.warn(`[qwen-evals] ${verdict.message}`);
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
