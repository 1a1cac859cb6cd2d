import { resolve } from 'node:path';

// EVAL_DATASET_MIRROR=<dir>: serve a local copy of the pinned files on loopback instead of the public hosts. The
// server's module loads only then: a run without a mirror asks its first case sooner.
export async function startMirrorIfAsked(dir: string | undefined): Promise<{ baseUrl: string; close: () => Promise<void> } | null> {
  if (!dir) return null;
  const { startDatasetMirror } = await import('./mirror-server.ts');
  const mirror = await startDatasetMirror({ root: resolve(dir) });
  return { baseUrl: mirror.baseUrl, close: () => mirror.close() };
}
