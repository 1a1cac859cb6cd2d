import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readGitInfo } from '../../../src/node/report/environment-info.ts';

// A checkout with one commit on `branch`; its commit id.
function makeRepo(branch: string): { dir: string; commit: string } {
  const dir = mkdtempSync(join(tmpdir(), 'git-info-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', branch);
  writeFileSync(join(dir, 'a.txt'), 'a');
  git('add', 'a.txt');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'one');
  return { dir, commit: git('rev-parse', 'HEAD') };
}

const NO_CI = {};

describe('readGitInfo', () => {
  test('reads the commit and the branch of the checkout', async () => {
    const { dir, commit } = makeRepo('feature-x');
    expect(await readGitInfo(dir, NO_CI)).toEqual({ commit, branch: 'feature-x' });
  });

  test('a detached checkout has a commit and no branch', async () => {
    const { dir, commit } = makeRepo('main');
    execFileSync('git', ['checkout', '-q', '--detach'], { cwd: dir });
    expect(await readGitInfo(dir, NO_CI)).toEqual({ commit, branch: null });
  });

  test("CI's variables win over the checkout", async () => {
    const { dir } = makeRepo('main');
    expect(await readGitInfo(dir, { GITHUB_SHA: 'abc123', GITHUB_REF_NAME: 'release' })).toEqual({ commit: 'abc123', branch: 'release' });
  });

  test('outside a checkout both are null', async () => {
    expect(await readGitInfo(mkdtempSync(join(tmpdir(), 'no-git-')), NO_CI)).toEqual({ commit: null, branch: null });
  });
});
