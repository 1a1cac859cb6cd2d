import { readFileSync } from 'node:fs';
import path from 'node:path';

// Location of the shared datasets: `SHARED_DIR`, else `../shared` next to the repository.
const repoRoot = path.resolve(import.meta.dirname, '../..');
export const sharedDir = process.env.SHARED_DIR?.trim() || path.resolve(repoRoot, '../shared');

// Read a file under the shared datasets folder as UTF-8.
export function readShared(...segments: string[]): string {
  return readFileSync(path.join(sharedDir, 'datasets', ...segments), 'utf8');
}
