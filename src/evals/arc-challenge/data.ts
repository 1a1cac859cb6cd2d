import { readPinnedText, type DataContext, type DataLoader } from '../../runtime/data.ts';
import { toDatasetPin } from '../../shared/datasets/pins.ts';
import { ARC_CHALLENGE_PINS } from './pins.ts';
import { readArcChallenge, type ArcCase } from './reader.ts';

const TEST = ARC_CHALLENGE_PINS['arc_challenge/test'];

// The pinned test split, read through the verified cache.
export async function loadArcChallenge(context: DataContext): Promise<ArcCase[]> {
  return readArcChallenge(await readPinnedText(TEST, context), 'arc_challenge/ARC-Challenge-Test.jsonl');
}

/** The test split as an eval data source. */
export const arcChallengeSource: DataLoader<ArcCase> = {
  description: 'ARC-Challenge test (AI2)',
  load: async (context) => ({ items: await loadArcChallenge(context), pins: [toDatasetPin(TEST)] }),
};
