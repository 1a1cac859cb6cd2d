import type { ServerStatus } from '../../shared/context.ts';

// What the eval reporter and the model projects' global setups tell each other: the last server status of each
// project (for a run record written on an interrupt) and the eval files a run selected (the reporter hears of them
// before global setup runs). Both live in the main process, but Vitest loads global setup and reporters in separate
// module graphs, hence `globalThis`.

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

const FILES_KEY = Symbol.for('qwen-evals.selected-files');

/** Remember the test files this run selected, per project (from the reporter's onTestRunStart). */
export function publishSelectedFiles(byProject: Map<string, string[]>): void {
  (globalThis as { [FILES_KEY]?: Map<string, string[]> })[FILES_KEY] = byProject;
}

/** The test files this run selected for a project; null when nobody said (then assume every file). */
export function selectedFiles(project: string): string[] | null {
  return (globalThis as { [FILES_KEY]?: Map<string, string[]> })[FILES_KEY]?.get(project) ?? null;
}
