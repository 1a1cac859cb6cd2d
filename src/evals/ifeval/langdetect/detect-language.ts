import { pyIsUpper } from '../python-text.ts';
import { loadLanguageModel, type LanguageModel } from './profiles.ts';
import { PythonRandom } from './python-random.ts';

// A port of Python langdetect 1.0.9's `detect(text)` (what IFEval's language checkers call), with
// its own profiles and CPython's random generator. The reference leaves the generator unseeded, so
// on texts with few usable n-grams (all-caps words are skipped) it can answer differently run to
// run; here the seed is fixed, and the same seed gives what `DetectorFactory.seed = seed` gives.

/** Default generator seed. @default 0 */
export const DEFAULT_LANGDETECT_SEED = 0;

const ALPHA = 0.5;
const ALPHA_WIDTH = 0.05;
const ITERATION_LIMIT = 1000;
const PROB_THRESHOLD = 0.1;
const CONV_THRESHOLD = 0.99999;
const BASE_FREQ = 10000;
const TRIALS = 7;
/** Characters of text considered. @unit code points */
const MAX_TEXT_LENGTH = 10000;

const URL_RE = /https?:\/\/[-_.?&~;+=/#0-9A-Za-z]{1,2076}/g;
const MAIL_RE = /[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}/g;

/** Options of {@link detectLanguage}. */
export interface DetectLanguageOptions {
  /** Seed of the random walk over n-grams. @default DEFAULT_LANGDETECT_SEED */
  seed?: number;
}

// Compose a Vietnamese letter + combining tone mark into its precomposed letter.
function normalizeVietnamese(text: string, model: LanguageModel): string {
  const { letters, marks, composed } = model.vietnamese;
  const pattern = new RegExp(`([${letters}])([${marks}])`, 'gu');
  return text.replace(pattern, (_, letter: string, mark: string) => [...composed[marks.indexOf(mark)]!][letters.indexOf(letter)]!);
}

// Detector.append: drop URLs and e-mail addresses, normalise Vietnamese, squeeze repeated spaces.
function prepareText(text: string, model: LanguageModel): string[] {
  const chars = [...normalizeVietnamese(text.replace(URL_RE, ' ').replace(MAIL_RE, ' '), model)].slice(0, MAX_TEXT_LENGTH);
  const kept: string[] = [];
  let previous = '';
  for (const ch of chars) {
    if (ch !== ' ' || previous !== ' ') kept.push(ch);
    previous = ch;
  }
  return dropLatinFromNonLatin(kept);
}

// Detector.cleaning_text: mostly non-Latin text loses its Latin letters. The reference compares a
// block id to a block name here, so every character from U+0300 up counts as non-Latin.
function dropLatinFromNonLatin(chars: string[]): string[] {
  let latin = 0;
  let nonLatin = 0;
  for (const ch of chars) {
    if (ch >= 'A' && ch <= 'z') latin++;
    else if (ch >= '\u0300') nonLatin++;
  }
  return latin * 2 < nonLatin ? chars.filter((ch) => ch < 'A' || ch > 'z') : chars;
}

// NGram.normalize: fold a character to the form the profiles were counted on.
function normalizeChar(ch: string, model: LanguageModel): string {
  const cp = ch.codePointAt(0)!;
  if (cp <= 0x7f) return ch < 'A' || (ch > 'Z' && ch < 'a') || ch > 'z' ? ' ' : ch;
  if (cp <= 0xff) return model.latin1Excluded.includes(ch) ? ' ' : ch;
  if (cp >= 0x180 && cp <= 0x24f) return ch === '\u0219' ? '\u015f' : ch === '\u021b' ? '\u0163' : ch;
  if (cp >= 0x2000 && cp <= 0x206f) return ' ';
  if (cp >= 0x600 && cp <= 0x6ff) return ch === '\u06cc' ? '\u064a' : ch;
  if (cp >= 0x1e00 && cp <= 0x1eff) return cp >= 0x1ea0 ? '\u1ec3' : ch;
  if (cp >= 0x3040 && cp <= 0x309f) return '\u3042';
  if (cp >= 0x30a0 && cp <= 0x30ff) return '\u30a2';
  if ((cp >= 0x3100 && cp <= 0x312f) || (cp >= 0x31a0 && cp <= 0x31bf)) return '\u3105';
  if (cp >= 0x4e00 && cp <= 0x9fff) return model.cjkRepresentative.get(ch) ?? ch;
  if (cp >= 0xac00 && cp <= 0xd7af) return '\uac00';
  return ch;
}

// Detector._extract_ngrams: 1- to 3-grams known to some profile, skipping words in capitals.
function extractNgrams(chars: string[], model: LanguageModel): string[] {
  const found: string[] = [];
  let grams = [' '];
  let capitalWord = false;
  for (const raw of chars) {
    const ch = normalizeChar(raw, model);
    const last = grams[grams.length - 1]!;
    if (last === ' ') {
      grams = [' '];
      capitalWord = false;
      if (ch === ' ') continue;
    } else if (grams.length >= 3) {
      grams = grams.slice(1);
    }
    grams.push(ch);
    if (pyIsUpper(ch)) {
      if (pyIsUpper(last)) capitalWord = true;
    } else {
      capitalWord = false;
    }
    if (capitalWord) continue;
    for (let n = 1; n <= 3 && n <= grams.length; n++) {
      const gram = grams.slice(grams.length - n).join('');
      if (gram !== ' ' && model.gramProbabilities.has(gram)) found.push(gram);
    }
  }
  return found;
}

// Normalise in place; returns the largest probability.
function normalize(prob: Float64Array): number {
  let sum = 0;
  for (const p of prob) sum += p;
  let max = 0;
  for (let i = 0; i < prob.length; i++) {
    const p = prob[i]! / sum;
    if (max < p) max = p;
    prob[i] = p;
  }
  return max;
}

/**
 * The language langdetect's `detect(text)` names (ISO 639-1, or `zh-cn` / `zh-tw`), `unknown` when
 * none passes the threshold, or `null` where langdetect raises "No features in text".
 */
export function detectLanguage(text: string, options: DetectLanguageOptions = {}): string | null {
  const model = loadLanguageModel();
  const ngrams = extractNgrams(prepareText(text, model), model);
  if (ngrams.length === 0) return null;
  const random = new PythonRandom(options.seed ?? DEFAULT_LANGDETECT_SEED);
  const size = model.languages.length;
  const total = new Float64Array(size);
  for (let trial = 0; trial < TRIALS; trial++) {
    const prob = new Float64Array(size).fill(1 / size);
    const weight = (ALPHA + random.gauss(0, 1) * ALPHA_WIDTH) / BASE_FREQ;
    for (let i = 0; ; i++) {
      const row = model.gramProbabilities.get(random.choice(ngrams))!;
      for (let k = 0; k < size; k++) prob[k]! *= weight + row[k]!;
      if (i % 5 === 0 && (normalize(prob) > CONV_THRESHOLD || i >= ITERATION_LIMIT)) break;
    }
    for (let k = 0; k < size; k++) total[k]! += prob[k]! / TRIALS;
  }
  let best = 'unknown';
  let bestProb = PROB_THRESHOLD;
  total.forEach((p, k) => {
    if (p > bestProb) {
      best = model.languages[k]!;
      bestProb = p;
    }
  });
  return best;
}
