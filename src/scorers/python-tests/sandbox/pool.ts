/** A fixed set of worker slots; each run borrows one (the slot picks the sandbox uid). */
export interface SlotPool {
  readonly size: number;
  /** Run `task` on a free slot, waiting for one when all are busy. */
  withSlot<T>(task: (slot: number) => Promise<T>): Promise<T>;
}

// Create a pool of `size` slots served in FIFO order.
export function createSlotPool(size: number): SlotPool {
  const free = Array.from({ length: size }, (_, i) => i);
  const waiting: Array<(slot: number) => void> = [];
  const acquire = (): Promise<number> => {
    const slot = free.shift();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (slot: number): void => {
    const next = waiting.shift();
    if (next) next(slot);
    else free.push(slot);
  };
  return {
    size,
    async withSlot(task) {
      const slot = await acquire();
      try {
        return await task(slot);
      } finally {
        release(slot);
      }
    },
  };
}
