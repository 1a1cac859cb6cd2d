import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

// sha256 helpers for verifying dataset files.

// Hex sha256 of a buffer.
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

// Hex sha256 of a file, or undefined when it does not exist.
export async function sha256File(path: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return hash.digest('hex');
}
