import type { TestProject } from 'vitest/node';
import { loadMainProcess } from '../src/node/plugin/main-process.ts';

// Global setup of every model project (main process): see src/node/server/global-setup.ts. Its modules are the ones
// the config already loaded (src/node/plugin/main-process.ts says why).
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  return (await loadMainProcess()).setup(project);
}
