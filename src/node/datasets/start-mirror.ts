import { resolve } from 'node:path';
import { startDatasetMirror } from './mirror-server.ts';

// EVAL_DATASET_MIRROR=<dir>: serve a local copy of the pinned files on loopback instead of the public hosts.
export async function startMirrorIfAsked(dir: string | undefined): Promise<{ baseUrl: string; close: () => Promise<void> } | null> {
  if (!dir) return null;
  const mirror = await startDatasetMirror({ root: resolve(dir) });
  return { baseUrl: mirror.baseUrl, close: () => mirror.close() };
}
