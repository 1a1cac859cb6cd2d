import { ENGLISH_WORDS } from './english-words.ts';
import { LANGUAGE_SENTENCES } from './language-sentences.ts';

// Filler text for simulated answers: sentences of pool words, keeping clear of banned letters, words and keywords,
// or sentences in the language an answer must be written in.

/** What the filler must avoid, and in which language it is. */
export interface WriterOptions {
  /** Language code; null or `en` = English pool words. */
  language: string | null;
  /** Letters no filler word may contain (lowercase). */
  bannedLetters?: readonly string[];
  /**
   * Text no filler word may contain, case-insensitively: forbidden words, keywords kept rare (IFEval's keywords are
   * plain words; containing one bans more than its pattern would, never less).
   */
  bannedText?: readonly string[];
  /** Shifts the word choice, so two answers (or a second try) differ. */
  variant: number;
}

/** A source of filler words and sentences. */
export interface Writer {
  /** Next pool word (English), cycling. */
  word(): string;
  /** A sentence of `words` pool words, capitalised, ending with a full stop (another language: its next sentence). */
  sentence(words: number): string;
  /** Pool words containing `letter`, for letter-frequency instructions. */
  wordsWith(letter: string): string[];
}

// Create a writer over the pool, filtered by what must be avoided.
export function createWriter(options: WriterOptions): Writer {
  const banned = [...(options.bannedLetters ?? []), ...(options.bannedText ?? []).map((text) => text.toLowerCase())];
  const pool = [...new Set(ENGLISH_WORDS)].filter((w) => !banned.some((text) => w.includes(text)));
  const words = pool.length ? pool : ['hmm'];
  let at = (options.variant * 37) % words.length;
  const sentences =
    options.language && options.language !== 'en' ? LANGUAGE_SENTENCES[options.language as keyof typeof LANGUAGE_SENTENCES] : null;
  let sentenceAt = options.variant % 4;
  const word = () => {
    const next = words[at % words.length]!;
    at += 1;
    return next;
  };
  return {
    word,
    sentence(count) {
      if (sentences) return sentences[sentenceAt++ % sentences.length]!;
      const text = Array.from({ length: Math.max(1, count) }, word).join(' ');
      return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
    },
    wordsWith: (letter) => pool.filter((w) => w.includes(letter)),
  };
}
