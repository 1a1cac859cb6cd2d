import type { z } from 'zod';

// Render zod issues as "path: message (received: value)" lines.
export function formatZodIssues(error: z.ZodError, input?: unknown): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
      // An unknown key's issue sits on the object holding it: its message names the key, the object would be noise.
      const received = input === undefined || issue.code === 'unrecognized_keys' ? undefined : pickPath(input, issue.path);
      const shown = received === undefined ? '' : ` (received: ${JSON.stringify(received)})`;
      return `  - ${path}: ${issue.message}${shown}`;
    })
    .join('\n');
}

function pickPath(value: unknown, path: PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
