import { BUILTIN_PINS } from '../../src/evals/registry.ts';
import type { PublishedPin } from '../../src/shared/datasets/pins.ts';

// A built-in dataset's pin by its id (`gsm8k/test`); a test naming an unknown id is a broken test.
export function pinById(id: string): PublishedPin {
  const pin = BUILTIN_PINS.find((p) => p.id === id);
  if (!pin) throw new Error(`no built-in pin ${id}`);
  return pin;
}
