import type { ServerStatus } from '../../shared/context.ts';

// The last server status of each model project, for the eval reporter when a run is interrupted: both live in the
// main process, but Vitest loads global setup and reporters in separate module graphs, hence `globalThis`.

const REGISTRY_KEY = Symbol.for('qwen-evals.server-status');

function registry(): Map<string, ServerStatus> {
  const global = globalThis as { [REGISTRY_KEY]?: Map<string, ServerStatus> };
  global[REGISTRY_KEY] ??= new Map();
  return global[REGISTRY_KEY];
}

/** Remember a project's server status (called by its session when the server starts or is checked). */
export function publishServerStatus(project: string, status: ServerStatus): void {
  registry().set(project, status);
}

/** The last status a project's server had, or null. */
export function lastServerStatus(project: string): ServerStatus | null {
  return registry().get(project) ?? null;
}
