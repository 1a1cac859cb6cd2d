import { execFile } from 'node:child_process';
import { findExecutable } from '../server/find-executable.ts';

// GPU utilisation and memory from nvidia-smi, per GPU; when nvidia-smi is absent or fails, that is said, never guessed.

/** One GPU at one moment. */
export interface GpuSample {
  index: number;
  name: string;
  utilizationPct: number | null;
  memoryUsedMiB: number | null;
  memoryTotalMiB: number | null;
}

/** A sample of every GPU, or why there is none. */
export type GpuReading = { ok: true; gpus: GpuSample[] } | { ok: false; reason: string };

/** The query nvidia-smi answers, one CSV line per GPU. */
export const NVIDIA_SMI_ARGS = ['--query-gpu=index,name,utilization.gpu,memory.used,memory.total', '--format=csv,noheader,nounits'];

const TIMEOUT_MS = 5_000;

// Run nvidia-smi once.
export function readGpus(command = 'nvidia-smi'): Promise<GpuReading> {
  // Looked up first: on a machine without it, a spawn per sample costs the main process 40-80 ms of CPU for nothing.
  if (findExecutable(command) === null) return Promise.resolve({ ok: false, reason: 'no nvidia-smi on PATH' });
  return new Promise((resolve) => {
    execFile(command, NVIDIA_SMI_ARGS, { timeout: TIMEOUT_MS }, (error, stdout) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        resolve({ ok: false, reason: code === 'ENOENT' ? 'no nvidia-smi on PATH' : `nvidia-smi failed: ${error.message.split('\n')[0]}` });
        return;
      }
      const gpus = parseNvidiaSmi(stdout);
      resolve(gpus.length > 0 ? { ok: true, gpus } : { ok: false, reason: 'nvidia-smi listed no GPU' });
    });
  });
}

// `0, NVIDIA H100 80GB HBM3, 87, 71234, 81559`; `[N/A]` fields become null.
export function parseNvidiaSmi(stdout: string): GpuSample[] {
  const gpus: GpuSample[] = [];
  for (const line of stdout.split('\n')) {
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length < 5) continue;
    const index = Number(fields[0]);
    if (!Number.isInteger(index)) continue;
    gpus.push({
      index,
      name: fields[1]!,
      utilizationPct: numberOrNull(fields[2]!),
      memoryUsedMiB: numberOrNull(fields[3]!),
      memoryTotalMiB: numberOrNull(fields[4]!),
    });
  }
  return gpus;
}

function numberOrNull(text: string): number | null {
  const value = Number(text);
  return text === '' || !Number.isFinite(value) ? null : value;
}
