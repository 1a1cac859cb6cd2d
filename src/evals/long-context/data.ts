import { createHash } from 'node:crypto';
import type { DataLoader } from '../../runtime/data.ts';
import type { DatasetPin } from '../../shared/records/suite-meta.ts';
import { GENERATOR_VERSION, generateCases, LONG_CONTEXT_SEED, type LongContextCase } from './generate.ts';
import type { LengthVariant } from './lengths.ts';

/**
 * The cases of one length as a data source. Nothing is downloaded: the pin names the generator and seed, and hashes
 * the case specs, so a generator change changes the dataset's fingerprint.
 */
export function longContextSource(length: LengthVariant, seed = LONG_CONTEXT_SEED): DataLoader<LongContextCase> {
  return {
    description: `long_context ${length} (synthetic, seed ${seed})`,
    load: async () => {
      const items = generateCases({ length, seed });
      return { items, pins: [syntheticPin(length, seed, items)] };
    },
  };
}

function syntheticPin(length: LengthVariant, seed: number, items: readonly LongContextCase[]): DatasetPin {
  return {
    repository: 'synthetic/long_context',
    commit: `generator-v${GENERATOR_VERSION}`,
    path: `seed-${seed}/${length}`,
    sha256: createHash('sha256').update(JSON.stringify(items)).digest('hex'),
  };
}
