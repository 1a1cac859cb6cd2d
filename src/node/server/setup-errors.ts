// A model project's global setup failed (no server, bad environment): the eval reporter shows the error first and
// alone, before Vitest's own error print, which it then leaves out. Shared through `globalThis` because Vitest loads
// global setup and reporters in separate module graphs of the main process.

const ERRORS_KEY = Symbol.for('qwen-evals.setup-errors');

function errors(): Error[] {
  const global = globalThis as { [ERRORS_KEY]?: Error[] };
  global[ERRORS_KEY] ??= [];
  return global[ERRORS_KEY];
}

/** Remember a setup failure of a model project. */
export function noteSetupError(error: Error): void {
  errors().push(error);
}

/** The setup failures noted so far (cleared). */
export function takeSetupErrors(): Error[] {
  return errors().splice(0);
}
