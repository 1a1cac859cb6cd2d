import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { parseJsonLinesText, type DataLoader } from '../runtime/data.ts';
import { packageRoot } from '../shared/package-root.ts';
import type { DatasetPin } from '../shared/records/suite-meta.ts';
import path from 'node:path';

// Datasets the package ships (the agent checks): read from the dataset's own folder, never downloaded, and pinned
// by their sha256 like a download, so an edited file changes the run's fingerprint.

/** The repository name recorded in the pins of shipped files. */
export const SHIPPED_REPOSITORY = 'qwen-evals';

/**
 * A data source over a JSON Lines file next to a dataset's module, each record checked with `schema`.
 * @example shippedJsonl(new URL('./conversations.jsonl', import.meta.url), ConversationSchema, 'multi-turn conversations')
 */
export function shippedJsonl<Item>(file: URL, schema: z.ZodType<Item>, description: string): DataLoader<Item> {
  const target = fileURLToPath(file);
  const relative = path.relative(packageRoot(), target).split(path.sep).join('/');
  return {
    description,
    load: async () => {
      const text = await readFile(target, 'utf8');
      const pin: DatasetPin = {
        repository: SHIPPED_REPOSITORY,
        commit: '',
        path: relative,
        sha256: createHash('sha256').update(text).digest('hex'),
      };
      return { items: parseJsonLinesText(text, relative, schema), pins: [pin] };
    },
  };
}
