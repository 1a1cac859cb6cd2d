import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { buildCommand } from './command-line.ts';
import { classifyOutcome } from './classify.ts';
import type { PythonInterpreter } from './python-interpreter.ts';
import { encodeSpec } from './spec.ts';
import { spawnJudge } from './spawn-judge.ts';
import { DEFAULT_LIMITS } from './types.ts';

/** Outcome of the bwrap probe. `fix` says what to install or change. */
export type ProbeResult = { ok: true } | { ok: false; reason: string; fix: string };

/** Host tools the sandbox needs. */
export interface SandboxTools {
  bwrapPath: string;
  setprivPath: string;
}

// Map bwrap's stderr to the fix a user can apply (README section 4.2).
export function explainBwrapFailure(stderr: string): string {
  if (/uid map: Permission denied/.test(stderr)) {
    return 'unprivileged user namespaces are restricted by AppArmor (Ubuntu >= 23.10): install a bwrap AppArmor profile or set kernel.apparmor_restrict_unprivileged_userns=0';
  }
  if (/new namespace failed|No permissions to create/.test(stderr)) {
    return 'user namespaces are disabled (sysctl user.max_user_namespaces / kernel.unprivileged_userns_clone) or blocked by a container seccomp profile: run outside the container or enable them';
  }
  return 'check that `bwrap --unshare-all … true` works for this user';
}

// Run one trivial program end to end through bwrap and the judge shim.
export async function probeBwrap(
  tools: SandboxTools,
  python: PythonInterpreter,
  shimDir: string,
  dropToUid: number | undefined,
): Promise<ProbeResult> {
  if (!existsSync(tools.bwrapPath)) {
    return { ok: false, reason: `bubblewrap not found at ${tools.bwrapPath}`, fix: 'apt-get install bubblewrap' };
  }
  if (dropToUid !== undefined && !existsSync(tools.setprivPath)) {
    return { ok: false, reason: `setpriv not found at ${tools.setprivPath} (needed as root)`, fix: 'apt-get install util-linux' };
  }
  const nonce = randomBytes(16).toString('hex');
  const limits = { ...DEFAULT_LIMITS, wallMs: 10_000 };
  const { file, args } = buildCommand({ mode: 'bwrap', ...tools, python, shimDir, limits, dropToUid });
  try {
    const raw = await spawnJudge({
      file, args, cwd: shimDir, env: { PATH: '/usr/bin:/bin' },
      stdin: encodeSpec(nonce, { code: 'def f():\n    return 1\n', tests: ['assert f() == 1'] }),
      wallMs: limits.wallMs, maxOutputBytes: limits.maxOutputBytes,
    });
    const verdict = classifyOutcome(raw, nonce);
    if (verdict.status === 'passed') return { ok: true };
    return { ok: false, reason: `probe program ended as ${verdict.status}: ${verdict.detail} ${raw.stderrTail}`, fix: explainBwrapFailure(raw.stderrTail) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: message, fix: explainBwrapFailure(message) };
  }
}
