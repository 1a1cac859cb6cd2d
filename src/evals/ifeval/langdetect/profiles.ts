import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';

// langdetect's 55 language profiles and normalisation tables, repacked by build-profiles.mjs.

/** The shipped bundle: `profiles.json.gz` next to this module. */
export const ProfileBundleSchema = z.object({
  source: z.string(),
  languages: z.array(z.string()).length(55),
  /** Per language: total 1-, 2- and 3-gram counts of its training text. */
  nWords: z.array(z.tuple([z.number(), z.number(), z.number()])),
  /** Per language: n-gram (1-3 code points) to count. */
  freq: z.array(z.record(z.string(), z.number())),
  latin1Excluded: z.string(),
  /** CJK ideograph classes; every member normalises to the class's first character. */
  cjkClasses: z.array(z.string()),
  vietnamese: z.object({ letters: z.string(), marks: z.string(), composed: z.array(z.string()).length(5) }),
});
export type ProfileBundle = z.infer<typeof ProfileBundleSchema>;

/** What detection needs, derived once from the bundle. */
export interface LanguageModel {
  languages: readonly string[];
  /** n-gram to its probability in each language (`freq / nWords[len - 1]`, 0 where absent). */
  gramProbabilities: ReadonlyMap<string, Float64Array>;
  latin1Excluded: string;
  cjkRepresentative: ReadonlyMap<string, string>;
  vietnamese: ProfileBundle['vietnamese'];
}

let cached: LanguageModel | undefined;

// Turn raw counts into per-gram probability vectors, as DetectorFactory.add_profile does.
function buildModel(bundle: ProfileBundle): LanguageModel {
  const gramProbabilities = new Map<string, Float64Array>();
  bundle.freq.forEach((counts, index) => {
    const nWords = bundle.nWords[index]!;
    for (const [gram, count] of Object.entries(counts)) {
      let row = gramProbabilities.get(gram);
      if (!row) {
        row = new Float64Array(bundle.languages.length);
        gramProbabilities.set(gram, row);
      }
      row[index] = count / nWords[[...gram].length - 1]!;
    }
  });
  const cjkRepresentative = new Map<string, string>();
  for (const members of bundle.cjkClasses) {
    const chars = [...members];
    for (const ch of chars) cjkRepresentative.set(ch, chars[0]!);
  }
  return {
    languages: bundle.languages,
    gramProbabilities,
    latin1Excluded: bundle.latin1Excluded,
    cjkRepresentative,
    vietnamese: bundle.vietnamese,
  };
}

/** Load (once) the shipped langdetect model. */
export function loadLanguageModel(): LanguageModel {
  if (!cached) {
    const raw = gunzipSync(readFileSync(new URL('./profiles.json.gz', import.meta.url))).toString('utf8');
    cached = buildModel(ProfileBundleSchema.parse(JSON.parse(raw)));
  }
  return cached;
}
