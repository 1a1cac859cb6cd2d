import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { findExecutable } from '../server/find-executable.ts';

const run = promisify(execFile);
const PROBE_TIMEOUT_MS = 5_000;

// Commit and branch of the checkout (CI variables first: detached checkouts have no branch name).
export async function readGitInfo(cwd: string, env = process.env): Promise<{ commit: string | null; branch: string | null }> {
  const ciBranch = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME;
  // One git process answers both (a spawn costs the main process tens of ms of CPU).
  const lines =
    env.GITHUB_SHA && ciBranch ? [] : ((await tryRun('git', ['rev-parse', 'HEAD', '--abbrev-ref', 'HEAD'], cwd))?.split('\n') ?? []);
  const commit = env.GITHUB_SHA ?? lines[0];
  const branch = ciBranch || lines[1];
  return { commit: commit || null, branch: branch && branch !== 'HEAD' ? branch : null };
}

// GPU name and used memory from nvidia-smi; nulls when there is no nvidia-smi (never guessed).
export async function readGpuInfo(): Promise<{ name: string | null; memoryMiB: number | null }> {
  if (findExecutable('nvidia-smi') === null) return { name: null, memoryMiB: null };
  const out = await tryRun('nvidia-smi', ['--query-gpu=name,memory.used', '--format=csv,noheader,nounits']);
  const first = out
    ?.split('\n')[0]
    ?.split(',')
    .map((s) => s.trim());
  if (!first || first.length < 2) return { name: null, memoryMiB: null };
  const memory = Number(first[1]);
  return { name: first[0] || null, memoryMiB: Number.isFinite(memory) ? memory : null };
}

export async function readHarnessVersion(packageJson: string): Promise<string> {
  const pkg = JSON.parse(await readFile(packageJson, 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

async function tryRun(command: string, args: string[], cwd?: string): Promise<string | null> {
  try {
    const { stdout } = await run(command, args, { cwd, timeout: PROBE_TIMEOUT_MS });
    return stdout.trim();
  } catch {
    return null;
  }
}
