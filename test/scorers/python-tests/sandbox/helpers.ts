import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import {
  createSandbox,
  type Sandbox,
  type SandboxOptions,
  type SandboxProgram,
} from '../../../../src/scorers/python-tests/sandbox/index.ts';

/** Short limits for hostile programs: keep the whole directory fast on 2 cores. */
export const HOSTILE_LIMITS = { cpuMs: 1000, wallMs: 2500, maxOutputBytes: 1024 * 1024 } as const;

// A bwrap sandbox with short limits and no timeout retry.
export function createHostileSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return createSandbox({ limits: HOSTILE_LIMITS, retryTimeouts: false, ...options });
}

// A program whose single test needs `f() == 1`.
export function expectOne(code: string): SandboxProgram {
  return { code, tests: ['assert f() == 1'] };
}

/** A host process as seen in /proc. */
export interface HostProcess {
  pid: number;
  uid: number;
  cmdline: string;
}

// Every process on the host with its real uid and command line.
export function listHostProcesses(): HostProcess[] {
  const out: HostProcess[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1);
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      out.push({ pid: Number(name), uid, cmdline });
    } catch {
      // exited while listing
    }
  }
  return out;
}

// Host pids whose pid namespace is `ns` (as `readlink /proc/self/ns/pid` prints it inside the sandbox).
// Needs root (or CAP_SYS_PTRACE): the fork server and its cases are non-dumpable.
export function processesInNamespace(ns: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readlinkSync(`/proc/${name}/ns/pid`) === ns) pids.push(Number(name));
    } catch {
      // exited while listing
    }
  }
  return pids;
}
