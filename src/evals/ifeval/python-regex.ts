import { PY_SPACE, PY_WORD } from './python-text.ts';

// Translate the small Python `re` patterns IFEval builds from kwargs (keywords, section splitters,
// postscript markers) to JavaScript, keeping Python's Unicode classes: `\w \W \d \D \s \S \b`, and
// `.` which stops only at `\n`. Character classes are copied as they are, with the same escapes.

const ESCAPES: Record<string, string> = {
  w: `[${PY_WORD}]`,
  W: `[^${PY_WORD}]`,
  d: '\\p{Nd}',
  D: '\\P{Nd}',
  s: `[${PY_SPACE}]`,
  S: `[^${PY_SPACE}]`,
  b: `(?:(?<![${PY_WORD}])(?=[${PY_WORD}])|(?<=[${PY_WORD}])(?![${PY_WORD}]))`,
};

// Inside `[...]` only the positive classes can be spliced in.
const IN_CLASS_ESCAPES: Record<string, string> = { w: PY_WORD, d: '\\p{Nd}', s: PY_SPACE };

// JS `u` mode rejects identity escapes of non-syntax characters (`\\'`), which Python allows.
function escapeLiteral(ch: string): string {
  return /[A-Za-z0-9]/.test(ch) || /[\^$\\.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}

// Compiled stateless patterns, shared: a case-insensitive Unicode class costs V8 milliseconds to compile, and
// scoring builds the same checkers for every response. Global and sticky ones keep `lastIndex`, so are never shared.
const compiled = new Map<string, RegExp>();

/** A JS `RegExp` (always `u`, plus `flags`) equivalent to Python `re.compile(pattern)` for simple patterns. */
export function compilePythonPattern(pattern: string, flags = ''): RegExp {
  const stateful = flags.includes('g') || flags.includes('y');
  const key = `${flags}/${pattern}`;
  const known = stateful ? undefined : compiled.get(key);
  if (known) return known;
  const regex = new RegExp(translatePattern(pattern), `u${flags}`);
  if (!stateful) compiled.set(key, regex);
  return regex;
}

function translatePattern(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i]!;
      out += (inClass ? IN_CLASS_ESCAPES[next] : ESCAPES[next]) ?? escapeLiteral(next);
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else {
      out += ch === '.' ? '[^\\n]' : ch;
    }
  }
  return out;
}
