import { findLastNumber, findNumbers, type NumberToken } from './numbers.ts';

// Number extractors for free-text answers (GSM8K and other math sets). Each returns the number it found, or null.

const BOX_COMMANDS = ['\\boxed', '\\fbox'];

// Content of the balanced `{...}` group that opens at `open`, or null when it never closes (truncated output).
function readBraceGroup(text: string, open: number): string | null {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '{') depth++;
    else if (char === '}') {
      depth--;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return null;
}

/**
 * Contents of the last complete `\boxed{...}` (or `\fbox{...}`), nested braces included; null when there is none.
 * @example extractLastBoxed('so \\boxed{\\frac{1}{2}}') // '\\frac{1}{2}'
 */
export function extractLastBoxed(text: string): string | null {
  const starts: number[] = [];
  for (const command of BOX_COMMANDS) {
    for (let at = text.indexOf(command); at !== -1; at = text.indexOf(command, at + 1)) starts.push(at);
  }
  starts.sort((a, b) => b - a);
  for (const start of starts) {
    const command = BOX_COMMANDS.find((c) => text.startsWith(c, start)) ?? '';
    const open = text.slice(start + command.length).search(/\S/);
    const braceAt = start + command.length + open;
    if (open === -1 || text[braceAt] !== '{') continue;
    const content = readBraceGroup(text, braceAt);
    if (content !== null) return content;
  }
  return null;
}

// Remove LaTeX wrappers around a boxed answer so that `\text{ dollars}` or `\$` leave only the number.
function stripLatex(content: string): string {
  return content
    .replace(/\\(?:text|textbf|mathrm|mathbf|operatorname)\s*\{([^{}]*)\}/g, ' $1 ')
    .replace(/\\[,;!: ]/g, (m, offset, s) => (/\d/.test(s[offset - 1] ?? '') && /\d/.test(s[offset + 2] ?? '') ? m : ' '));
}

/**
 * The number inside the last `\boxed{}`. When the box holds several numbers (`2 + 3 = 5`),
 * the last one is the answer. Null when there is no box or the box holds no number.
 */
export function extractBoxedNumber(text: string): NumberToken | null {
  const content = extractLastBoxed(text);
  if (content === null) return null;
  return findLastNumber(stripLatex(content));
}

/** The last number anywhere in the response (lm-eval `flexible-extract`, numerically). */
export function extractLastNumber(text: string): NumberToken | null {
  return findLastNumber(text);
}

/**
 * Final-answer-line extractor for the format of OpenAI's GSM8K example solutions (`A: 18` as a line):
 * the first number on the last such line; null when no line starts with `A:`.
 */
export function extractFinalAnswerLine(text: string, prefix = 'A:'): NumberToken | null {
  const lines = text.split('\n').filter((line) => line.trimStart().startsWith(prefix));
  const last = lines.at(-1);
  if (last === undefined) return null;
  return findNumbers(last.trimStart().slice(prefix.length))[0] ?? null;
}
