import { stat, utimes, writeFile } from 'node:fs/promises';

/**
 * Replace a file's content with same-size garbage and keep its modification time (to the millisecond): only a reader
 * that opens the file sees the change, so a cache keyed by size and mtime that reads it again is caught.
 */
export async function blankKeepingStamp(file: string): Promise<void> {
  const before = await stat(file);
  await writeFile(file, ' '.repeat(before.size));
  // Half a millisecond in: utimes takes float seconds, which would otherwise round below the whole millisecond.
  const seconds = (Math.trunc(before.mtimeMs) + 0.5) / 1000;
  await utimes(file, seconds, seconds);
}
