import { ScorerError } from '../../../shared/errors.ts';
import { createSlotPool } from './pool.ts';
import type { Worker } from './worker.ts';

/** One worker per slot, started on first use and replaced after `recycleAfter` cases or when retired. */
export interface WorkerPool {
  readonly size: number;
  /** Run `task` on a free slot, waiting for one when all are busy. */
  withSlot<T>(task: (slot: number) => Promise<T>): Promise<T>;
  /** The slot's worker, started (or replaced) when needed. Call only while holding the slot. */
  workerFor(slot: number): Promise<Worker>;
  /** Kill the slot's worker; the slot's next case starts a fresh one. */
  retire(slot: number): void;
  /** Kill every worker, now and any still starting. */
  closeAll(): void;
}

/** How the pool starts workers. */
export interface WorkerPoolOptions {
  size: number;
  /** Start a worker for `slot` with the sandbox-wide unique `id`. */
  start: (slot: number, id: number) => Promise<Worker>;
  /** A worker already started for slot 0 (the probe's). */
  first?: Worker;
  /** Cases per worker before it is replaced. */
  recycleAfter: number;
}

// Create the pool; workers start lazily, one per slot.
export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const slots = createSlotPool(options.size);
  const workers = new Map<number, Worker>();
  let nextId = 1;
  let closed = false;
  if (options.first) {
    workers.set(0, options.first);
    nextId = options.first.id + 1;
  }
  const retire = (slot: number): void => {
    workers.get(slot)?.kill();
    workers.delete(slot);
  };
  return {
    size: slots.size,
    withSlot: (task) => slots.withSlot(task),
    async workerFor(slot) {
      const current = workers.get(slot);
      if (current?.alive && current.cases < options.recycleAfter) return current;
      retire(slot);
      const started = await options.start(slot, nextId++);
      if (closed) {
        started.kill();
        throw new ScorerError('The sandbox was closed while a worker was starting; create a new sandbox to run more programs');
      }
      workers.set(slot, started);
      return started;
    },
    retire,
    closeAll() {
      closed = true;
      for (const slot of [...workers.keys()]) retire(slot);
    },
  };
}
