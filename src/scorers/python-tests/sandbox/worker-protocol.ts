import { z } from 'zod';
import type { JudgeMode, SandboxLimits } from './types.ts';

// The pipes between the harness and server.py: per case a header (length line + JSON) and a body only
// the judge process reads; back on fd 3, frames "<R|E> <length>\n<JSON>".

/** How one process of a case ended, as the fork server saw it. */
export const ProcessExitSchema = z.object({
  exit: z.number().int().nullable(),
  signal: z.number().int().nullable(),
  /** CPU time used. @unit ms */
  cpuMs: z.number(),
  /** Ended by RLIMIT_CPU (SIGXCPU, or SIGKILL at the hard limit). */
  cpuLimit: z.boolean(),
});
/** How one process of a case ended, as the fork server saw it. */
export type ProcessExit = z.infer<typeof ProcessExitSchema>;

/** The fork server's report at the end of a case. */
export const CaseEndSchema = z.object({
  seq: z.number().int(),
  /** The judge process; null only if it was never reaped (an anomaly). */
  judge: ProcessExitSchema.nullable(),
  /** The candidate process of a split-judge case; null in-process. */
  candidate: ProcessExitSchema.nullable(),
  /** Bytes the judge wrote on its verdict pipe: "S\n" once the spec was read, then one verdict line. */
  verdict: z.string(),
  stdout: z.string(),
  stderr: z.string(),
  outputBytes: z.number().int(),
  timedOut: z.boolean(),
  outputLimited: z.boolean(),
  wallMs: z.number(),
  /** CPU of the worker so far: the fork server and every case process it reaped. @unit ms */
  workerCpuMs: z.number(),
  /** Something outlived the case (process, file, IPC object, open pipe) or the protocol slipped: recycle. */
  anomaly: z.string().nullable(),
});
/** The fork server's report at the end of a case. */
export type CaseEnd = z.infer<typeof CaseEndSchema>;

/** The fork server's first frame. */
export const WorkerReadySchema = z.object({ python: z.string(), pid: z.number().int() });
/** The fork server's first frame. */
export type WorkerReady = z.infer<typeof WorkerReadySchema>;

/** One frame read from fd 3. */
export type WorkerFrame = { kind: 'R'; ready: WorkerReady } | { kind: 'E'; end: CaseEnd };

// Header + body of one case for the server's fd 0.
export function encodeCaseRequest(seq: number, judge: JudgeMode, limits: SandboxLimits, body: Buffer): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      seq,
      judge,
      cpu: Math.max(1, Math.ceil(limits.cpuMs / 1000)),
      as: limits.memoryBytes,
      nproc: limits.maxProcesses,
      fsize: limits.maxFileBytes,
      nofile: limits.maxOpenFiles,
      wallMs: limits.wallMs,
      maxOutput: limits.maxOutputBytes,
      body: body.length,
    }),
  );
  return Buffer.concat([Buffer.from(`${String(header.length).padStart(8, '0')}\n`), header, body]);
}

// Incremental parser of fd-3 frames; throws on anything that is not a well-formed frame.
export function createFrameParser(): (chunk: Buffer) => WorkerFrame[] {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const frames: WorkerFrame[] = [];
    for (;;) {
      const nl = pending.indexOf(10);
      if (nl < 0) break;
      const match = /^([RE]) (\d+)$/.exec(pending.subarray(0, nl).toString('latin1'));
      if (!match) throw new Error(`malformed frame header ${JSON.stringify(pending.subarray(0, Math.min(nl, 40)).toString('latin1'))}`);
      const size = Number(match[2]);
      if (pending.length < nl + 1 + size) break;
      const payload: unknown = JSON.parse(pending.subarray(nl + 1, nl + 1 + size).toString('utf8'));
      pending = pending.subarray(nl + 1 + size);
      frames.push(
        match[1] === 'R' ? { kind: 'R', ready: WorkerReadySchema.parse(payload) } : { kind: 'E', end: CaseEndSchema.parse(payload) },
      );
    }
    return frames;
  };
}
