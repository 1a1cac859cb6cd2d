import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCommand } from './command-line.ts';
import type { SandboxTools } from './probe.ts';
import type { PythonInterpreter } from './python-interpreter.ts';
import type { IsolationMode } from './types.ts';
import { startWorker, type Worker } from './worker.ts';

/** What every worker of one sandbox shares. */
export interface LaunchPlan {
  mode: IsolationMode;
  tools: SandboxTools;
  python: PythonInterpreter;
  /** Host copy of the fork server's modules. */
  shimDir: string;
  /** @unit bytes */
  tmpfsBytes: number;
  /** The uid slot `slot` runs as; undefined = the harness's own (not root). */
  uidFor: (slot: number) => number | undefined;
}

/** Starts workers and owns the weak mode's host work dirs. */
export interface WorkerLauncher {
  start(slot: number, id: number): Promise<Worker>;
  /** Remove the weak mode's work dirs (after the workers are gone). */
  removeWorkDirs(): void;
}

// A host work dir for a weak-mode worker, owned by the uid it runs as.
function makeUnsafeWorkDir(uid: number | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'qwen-evals-run-'));
  if (uid !== undefined) chownSync(dir, uid, uid);
  chmodSync(dir, 0o700);
  return dir;
}

// Launch workers: bwrap with a private /work, or (weak mode) a plain process in a host temp dir.
export function createWorkerLauncher(plan: LaunchPlan): WorkerLauncher {
  const workDirs: string[] = [];
  return {
    start(slot, id) {
      const dropToUid = plan.uidFor(slot);
      const bwrap = plan.mode === 'bwrap';
      const workDir = bwrap ? '/work' : makeUnsafeWorkDir(dropToUid);
      if (!bwrap) workDirs.push(workDir);
      const { file, args } = buildCommand({
        mode: plan.mode,
        ...plan.tools,
        python: plan.python,
        shimDir: plan.shimDir,
        tmpfsBytes: plan.tmpfsBytes,
        workDir,
        dropToUid,
      });
      const env = { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', ...(bwrap ? {} : { HOME: workDir, TMPDIR: workDir }) };
      return startWorker({ id, file, args, cwd: bwrap ? plan.shimDir : workDir, env });
    },
    removeWorkDirs() {
      for (const dir of workDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
