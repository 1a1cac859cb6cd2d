// One server at a time on the same GPUs. Every model project selected in one Vitest invocation has its own global
// setup; this lease, shared through `globalThis` because Vitest loads each project's setup in its own module graph,
// makes a project's server wait until the servers of projects sharing its GPUs are stopped.

/** A server that holds GPUs while it runs. */
export interface GpuHolder {
  /** Model project, for messages. */
  project: string;
  /** GPU indices it uses; null = all of the machine's GPUs. */
  gpus: readonly number[] | null;
  /** Stop the server (its project's tests are done when another project's turn comes). */
  stop(): Promise<void>;
}

interface LeaseState {
  holders: GpuHolder[];
  /** Serialises acquisitions, so two projects never launch into the same GPUs at once. */
  queue: Promise<void>;
}

const STATE_KEY = Symbol.for('qwen-evals.gpu-lease');

function state(): LeaseState {
  const global = globalThis as { [STATE_KEY]?: LeaseState };
  global[STATE_KEY] ??= { holders: [], queue: Promise.resolve() };
  return global[STATE_KEY];
}

/** True when two GPU sets share a GPU (an unspecified set is every GPU). */
export function gpusOverlap(a: readonly number[] | null, b: readonly number[] | null): boolean {
  return a === null || b === null || a.some((gpu) => b.includes(gpu));
}

/**
 * Take the GPUs for `holder`: stop every other holder whose GPUs overlap, then run `start` (the launch), all in
 * turn with other acquisitions. The holder keeps the lease until `releaseGpus`.
 */
export function acquireGpus<T>(holder: GpuHolder, start: () => Promise<T>): Promise<T> {
  const lease = state();
  const turn = lease.queue.then(async () => {
    for (const other of [...lease.holders]) {
      if (other === holder || !gpusOverlap(other.gpus, holder.gpus)) continue;
      await other.stop();
      lease.holders = lease.holders.filter((h) => h !== other);
    }
    if (!lease.holders.includes(holder)) lease.holders.push(holder);
    return start();
  });
  lease.queue = turn.then(
    () => undefined,
    () => undefined,
  );
  return turn;
}

/** Give the GPUs back (the holder's server stopped). */
export function releaseGpus(holder: GpuHolder): void {
  const lease = state();
  lease.holders = lease.holders.filter((h) => h !== holder);
}
