/** Code taken from a chat response, and how it was found. */
export interface ExtractedCode {
  code: string;
  /** `fenced`: a markdown code block; `bare`: no fence, prose trimmed; */
  source: 'fenced' | 'bare';
  /** Number of python-like fenced blocks in the response. */
  blockCount: number;
}

/** Options of `extractCode`. */
export interface ExtractCodeOptions {
  /** Function the tests call; a block defining it wins over other blocks. */
  entryPoint?: string;
  /**
   * The request pre-filled the assistant turn with an opening ```python fence (see `CodePromptOptions.prefill`),
   * so the response starts inside a block.
   * @default false
   */
  prefilled?: boolean;
}

const PYTHON_LANGS = new Set(['', 'python', 'python3', 'py', 'py3']);
// Opening fence (``` or ~~~ with an optional language), body, closing fence or end of text (truncated answers).
const FENCE = /^[ \t]*(```|~~~)[ \t]*([\w+.-]*)[^\n]*\n([\s\S]*?)(?:^[ \t]*\1[ \t]*$|(?![\s\S]))/gm;
const CODE_START = /^(?:def |async def |class |import |from \S+ import |@\w)/;
// Column-0 prose: a capitalised word then at least two more words, not ending like code.
const PROSE = /^(?:[A-Z][a-z']*|\d+\.|[-*]) +[A-Za-z`'"(][^=]*$/;
const KEYWORDS =
  /^(?:True|False|None|assert|return|print|raise|if|for|while|with|try|else|elif|except|finally|pass|yield|global|del|lambda)\b/;

// Remove reasoning that thinking models put before the answer.
function stripThinking(text: string): string {
  return text.replace(/<think>[\s\S]*?<\/think>/g, '').replace(/^[\s\S]*<\/think>/, '');
}

// Whether `code` defines `name` at module level.
export function definesFunction(code: string, name: string): boolean {
  return new RegExp(`^(?:async\\s+)?def\\s+${name}\\s*\\(`, 'm').test(code);
}

// Every python-like fenced block, in order.
function findBlocks(text: string): string[] {
  const blocks: string[] = [];
  for (const m of text.matchAll(FENCE)) {
    if (PYTHON_LANGS.has((m[2] ?? '').toLowerCase())) blocks.push(m[3] ?? '');
  }
  return blocks;
}

// Trim prose before the first code line and after the code (bare answers without fences).
function trimProse(text: string): string {
  const lines = text.split('\n');
  const isSentence = (line: string): boolean => PROSE.test(line) && !KEYWORDS.test(line);
  const isProse = (line: string): boolean => isSentence(line) && !/[:;]\s*$/.test(line);
  const first = lines.findIndex((l) => CODE_START.test(l));
  const leadingIsProse = first > 0 && lines.slice(0, first).every((l) => l.trim() === '' || isSentence(l));
  const start = leadingIsProse ? first : 0;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (isProse(lines[i]!) && (lines[i - 1] ?? '').trim() === '') {
      end = i;
      break;
    }
  }
  return `${lines.slice(start, end).join('\n').replace(/\s+$/, '')}\n`;
}

/**
 * Take the code out of a chat response.
 * Rule: among python-like fenced blocks (```python, ```py, or no language), the last block
 * that defines `entryPoint`; else the longest block. Without fences, the whole text with
 * leading and trailing prose paragraphs removed. `<think>` sections are ignored.
 * Returns null when nothing code-like remains.
 */
export function extractCode(response: string, options: ExtractCodeOptions = {}): ExtractedCode | null {
  const text = stripThinking(options.prefilled ? `\`\`\`python\n${response}` : response);
  const blocks = findBlocks(text).filter((b) => b.trim() !== '');
  if (blocks.length > 0) {
    const { entryPoint } = options;
    const defining = entryPoint ? blocks.filter((b) => definesFunction(b, entryPoint)) : [];
    const chosen = defining.at(-1) ?? blocks.reduce((a, b) => (b.length > a.length ? b : a));
    return { code: chosen, source: 'fenced', blockCount: blocks.length };
  }
  if (text.trim() === '') return null;
  return { code: trimProse(text), source: 'bare', blockCount: 0 };
}
