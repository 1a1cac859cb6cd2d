import type { Sandbox } from './sandbox/create-sandbox.ts';
import type { IsolationMode } from './sandbox/types.ts';

// One sandbox per worker and isolation mode, shared by every eval of the worker that runs model code. The sandbox's
// modules load with the first sandbox: the package's entry exports this scorer, so every eval file would otherwise
// load them before its first request.
const sandboxes = new Map<IsolationMode, Promise<Sandbox>>();

/** The worker's sandbox for `isolation`, created (and probed, failing closed) on first use. */
export function getSharedSandbox(isolation: IsolationMode): Promise<Sandbox> {
  let sandbox = sandboxes.get(isolation);
  if (!sandbox) {
    sandbox = import('./sandbox/create-sandbox.ts').then(({ createSandbox }) => createSandbox({ isolation }));
    sandboxes.set(isolation, sandbox);
    sandbox.then(
      (ready) => process.once('exit', () => ready.close()),
      () => sandboxes.delete(isolation),
    );
  }
  return sandbox;
}
