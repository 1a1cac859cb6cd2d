import { describe, expect, test } from 'vitest';
import { detectLanguage } from '../../../src/evals/ifeval/langdetect/detect-language.ts';
import { PythonRandom } from '../../../src/evals/ifeval/langdetect/python-random.ts';

// Expected values are CPython 3.11's `random.Random(seed)` and langdetect 1.0.9 with
// `DetectorFactory.seed = 0`, recorded from the reference implementations.

describe('PythonRandom', () => {
  test('draws what CPython draws for seed 0: random, gauss, choice', () => {
    const r = new PythonRandom(0);
    expect([r.random(), r.random(), r.gauss(), r.gauss(), r.gauss()]).toEqual([
      0.8444218515250481, 0.7579544029403025, -0.6797144480784211, 0.3705035674606598, -1.016348894188071,
    ]);
    expect(r.choice([...Array(1000).keys()])).toBe(802);
    expect(r.choice([...Array(7).keys()])).toBe(6);
    expect(r.choice([0])).toBe(0);
  });

  test('seeds with integers wider than 32 bits as CPython does', () => {
    const r = new PythonRandom(123456789012);
    expect(r.random()).toBe(0.37701448538609916);
    expect(r.choice([...Array(70000).keys()])).toBe(2712);
  });
});

describe('detectLanguage (langdetect port)', () => {
  test.each([
    ['The quick brown fox jumps over the lazy dog and keeps running.', 'en'],
    ['Der schnelle braune Fuchs springt über den faulen Hund.', 'de'],
    ['Быстрая коричневая лиса прыгает через ленивую собаку.', 'ru'],
    ['日本語の文章です。ひらがなとカタカナを含みます。', 'ja'],
    ['Tôi nghĩ rằng câu này hơi đơn giản.', 'vi'],
    ['THIS IS ALL IN CAPITAL LETTERS AND SHOULD BE ENGLISH', 'en'],
    ['यह एक हिंदी वाक्य है।', 'hi'],
  ])('names the language of %j as langdetect does', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  test('returns null where langdetect raises "No features in text" (digits, punctuation, URLs, e-mails)', () => {
    expect(detectLanguage('12345 !!! ???')).toBeNull();
    expect(detectLanguage('https://example.com/path user@example.com')).toBeNull();
  });
});
