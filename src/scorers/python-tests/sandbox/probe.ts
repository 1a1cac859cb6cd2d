import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { buildCommand } from './command-line.ts';
import { classifyCase } from './classify.ts';
import type { PythonInterpreter } from './python-interpreter.ts';
import { encodeSpec } from './spec.ts';
import { DEFAULT_LIMITS } from './types.ts';
import { startWorker, type Worker } from './worker.ts';

/** Outcome of the bwrap probe. `fix` says what to install or change. */
export type ProbeResult = { ok: true } | { ok: false; reason: string; fix: string };

/** Host tools the sandbox needs. */
export interface SandboxTools {
  bwrapPath: string;
  setprivPath: string;
}

const PROBE_PROGRAM = { code: 'def f(x):\n    return [x, (x,), {x: None}]\n', tests: ['assert f(1) == [1, (1,), {1: None}]'] };

// Map bwrap's stderr to the fix a user can apply (README section 4.2).
export function explainBwrapFailure(stderr: string): string {
  if (/uid map: Permission denied/.test(stderr)) {
    return 'unprivileged user namespaces are restricted by AppArmor (Ubuntu >= 23.10): install a bwrap AppArmor profile or set kernel.apparmor_restrict_unprivileged_userns=0';
  }
  if (/new namespace failed|No permissions to create/.test(stderr)) {
    return 'user namespaces are disabled (sysctl user.max_user_namespaces / kernel.unprivileged_userns_clone) or blocked by a container seccomp profile: run outside the container or enable them';
  }
  if (/pidfd_open|Function not implemented/.test(stderr)) {
    return 'the fork server needs pidfd_open (Linux >= 5.3)';
  }
  return 'check that `bwrap --unshare-all … true` works for this user';
}

// Start a worker and run one split-judge program end to end; the worker is kept when it passes.
export async function probeWorker(
  tools: SandboxTools,
  dropToUid: number | undefined,
  start: () => Promise<Worker>,
): Promise<{ ok: true; worker: Worker } | Extract<ProbeResult, { ok: false }>> {
  if (!existsSync(tools.bwrapPath)) {
    return { ok: false, reason: `bubblewrap not found at ${tools.bwrapPath}`, fix: 'apt-get install bubblewrap' };
  }
  if (dropToUid !== undefined && !existsSync(tools.setprivPath)) {
    return { ok: false, reason: `setpriv not found at ${tools.setprivPath} (needed as root)`, fix: 'apt-get install util-linux' };
  }
  let worker: Worker | undefined;
  try {
    worker = await start();
    const nonce = randomBytes(16).toString('hex');
    const end = await worker.runCase({
      judge: 'split',
      limits: { ...DEFAULT_LIMITS, wallMs: 10_000 },
      body: encodeSpec(nonce, PROBE_PROGRAM),
    });
    const verdict = classifyCase(end, nonce);
    if (verdict.status === 'passed' && end.anomaly === null) return { ok: true, worker };
    worker.kill();
    const reason = `probe program ended as ${verdict.status}: ${verdict.detail} ${end.anomaly ?? ''} ${end.stderr}`;
    return { ok: false, reason, fix: explainBwrapFailure(reason) };
  } catch (error) {
    worker?.kill();
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: message, fix: explainBwrapFailure(message) };
  }
}

// Check that bubblewrap and the fork server work here (starts one worker and stops it again).
export async function probeBwrap(
  tools: SandboxTools,
  python: PythonInterpreter,
  shimDir: string,
  dropToUid: number | undefined,
): Promise<ProbeResult> {
  const { file, args } = buildCommand({
    mode: 'bwrap',
    ...tools,
    python,
    shimDir,
    tmpfsBytes: DEFAULT_LIMITS.tmpfsBytes,
    workDir: '/work',
    dropToUid,
  });
  const result = await probeWorker(tools, dropToUid, () =>
    startWorker({ id: 0, file, args, cwd: shimDir, env: { PATH: '/usr/bin:/bin' } }),
  );
  if (!result.ok) return result;
  result.worker.kill();
  return { ok: true };
}
