import type { ServerStatus } from '../shared/context.ts';
import { type SimulatedTiming, SimulatedTimingSchema } from '../shared/records/benchmark.ts';

// What labels a benchmark's numbers: the simulated vLLM's timing parameters, and the server's stream interval.

// `GET /_sim/timing` of a simulated server; null when it does not answer (an older simulator).
export async function readSimulatedTiming(baseUrl: string): Promise<SimulatedTiming | null> {
  try {
    const response = await fetch(`${baseUrl}/_sim/timing`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return null;
    const parsed = SimulatedTimingSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// `--stream-interval` from the launched command or the simulator; null for an external server (unknown).
export function streamIntervalOf(server: Pick<ServerStatus, 'command'>, timing: SimulatedTiming | null): number | null {
  if (timing) return timing.streamInterval;
  const args = server.command ?? [];
  const at = args.indexOf('--stream-interval');
  const value = at >= 0 ? Number(args[at + 1]) : Number.NaN;
  return Number.isInteger(value) && value > 0 ? value : server.command ? 1 : null;
}
