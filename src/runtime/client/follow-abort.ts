// Callbacks on a caller's signal without an EventTarget listener each: a case's or a run's signal is shared by many
// tries and lease waits at once, EventTarget warns past ten listeners, and adding and removing one costs about 10 us
// on Node 20, twice per request.

// Callbacks waiting for each signal to abort; one real listener per signal.
const followers = new WeakMap<AbortSignal, Set<() => void>>();

/** Call `onAbort` when `signal` aborts; returns the function that stops following it. */
export function followAbort(signal: AbortSignal, onAbort: () => void): () => void {
  let callbacks = followers.get(signal);
  if (!callbacks) {
    const created = new Set<() => void>();
    followers.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        for (const callback of [...created]) callback();
      },
      { once: true },
    );
    callbacks = created;
  }
  callbacks.add(onAbort);
  const own = callbacks;
  return () => own.delete(onAbort);
}
