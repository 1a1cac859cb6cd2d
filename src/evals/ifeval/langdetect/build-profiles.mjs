// Rebuild profiles.json.gz from an installed copy of Python langdetect 1.0.9 (Debian: python3-langdetect).
// Usage: node src/evals/ifeval/langdetect/build-profiles.mjs [/usr/lib/python3/dist-packages/langdetect]
// The profiles and tables are langdetect's own (Apache-2.0, from Shuyo Nakatani's language-detection);
// this script only repacks them: per-language n-gram counts, and the normalisation tables.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = process.argv[2] ?? '/usr/lib/python3/dist-packages/langdetect';
const unescapeText = (value) => value.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
const messages = Object.fromEntries(
  readFileSync(path.join(root, 'utils', 'messages.properties'), 'utf8')
    .split('\n')
    .filter((line) => line.includes('='))
    .map((line) => {
      const at = line.trim().indexOf('=');
      return [line.trim().slice(0, at), unescapeText(line.trim().slice(at + 1))];
    }),
);
// The CJK classes in the order ngram.py lists them (order fixes each class's representative only).
const ngramSource = readFileSync(path.join(root, 'utils', 'ngram.py'), 'utf8');
const cjkKeys = [...ngramSource.matchAll(/messages\.get_string\('(NGram\.KANJI_[0-9_]+)'\)/g)].map((m) => m[1]);
const languages = readdirSync(path.join(root, 'profiles')).sort();
const profiles = languages.map((file) => JSON.parse(readFileSync(path.join(root, 'profiles', file), 'utf8')));
const bundle = {
  source: 'Python langdetect 1.0.9 (Apache-2.0): profiles/ and utils/messages.properties, repacked',
  languages,
  nWords: profiles.map((p) => p.n_words),
  freq: profiles.map((p) => Object.fromEntries(Object.entries(p.freq).filter(([gram]) => [...gram].length <= 3))),
  latin1Excluded: messages['NGram.LATIN1_EXCLUDE'],
  cjkClasses: cjkKeys.map((key) => messages[key]),
  vietnamese: {
    letters: messages.TO_NORMALIZE_VI_CHARS,
    marks: messages.DMARK_CLASS,
    composed: ['0300', '0301', '0303', '0309', '0323'].map((mark) => messages[`NORMALIZED_VI_CHARS_${mark}`]),
  },
};
const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'profiles.json.gz');
writeFileSync(out, gzipSync(JSON.stringify(bundle), { level: 9 }));
console.log(`${out}: ${languages.length} languages, ${cjkKeys.length} CJK classes`);
