import type { z } from 'zod';
import { DatasetError } from '../errors.ts';

// Parse JSON Lines content line by line against a schema; the first bad line fails the whole file.
export function parseJsonLines<T extends z.ZodType>(content: string, schema: T, source: string): z.output<T>[] {
  const records: z.output<T>[] = [];
  const lines = content.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new DatasetError('EVAL_DATASET_UNAVAILABLE', `${source}: line ${index + 1} is not valid JSON.`, {
        cause: error,
      });
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new DatasetError(
        'EVAL_DATASET_UNAVAILABLE',
        `${source}: line ${index + 1} does not match the expected record shape (${issues}). Is this the right file?`,
      );
    }
    records.push(parsed.data);
  }
  return records;
}
