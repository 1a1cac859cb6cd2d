import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

// Resolve a command on PATH the way a shell would; null when absent.
export function findExecutable(command: string, pathEnv = process.env.PATH ?? ''): string | null {
  const candidates =
    isAbsolute(command) || command.includes('/')
      ? [command]
      : pathEnv
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}
