import { z } from 'zod';
import { compilePythonPattern } from '../python-regex.ts';
import { PY_SPACE, pyLstrip, pyRstrip, pyStrip } from '../python-text.ts';
import type { Check } from './types.ts';

// detectable_format:* — bullets, options, highlights, sections, JSON, titles.
// Python's MULTILINE `^` / `$` see only `\n` as a line break: `(?<![^\n])` / `(?![^\n])` here.

const STAR_BULLET = new RegExp(`(?<![^\\n])[${PY_SPACE}]*\\*[^*][^\\n]*(?![^\\n])`, 'gu');
const DASH_BULLET = new RegExp(`(?<![^\\n])[${PY_SPACE}]*-[^\\n]*(?![^\\n])`, 'gu');

export const NumberBulletListsKwargs = z.object({ num_bullets: z.number().int() });
/** detectable_format:number_bullet_lists — exactly N lines starting with `*` or `-`. */
export function checkNumberBulletLists({ num_bullets }: z.infer<typeof NumberBulletListsKwargs>): Check {
  return (response) => (response.match(STAR_BULLET)?.length ?? 0) + (response.match(DASH_BULLET)?.length ?? 0) === num_bullets;
}

const OPTIONS = ['My answer is yes.', 'My answer is no.', 'My answer is maybe.'];

export const NoKwargs = z.object({}).strict();
/** detectable_format:constrained_response — contains one of the three "My answer is ..." options. */
export function checkConstrainedResponse(): Check {
  return (response) => OPTIONS.some((option) => pyStrip(response).includes(option));
}

const HIGHLIGHT = /\*[^\n*]*\*/g;
const DOUBLE_HIGHLIGHT = /\*\*[^\n*]*\*\*/g;

export const NumberHighlightedSectionsKwargs = z.object({ num_highlights: z.number().int() });
/** detectable_format:number_highlighted_sections — at least N non-empty `*...*` (and `**...**` count again). */
export function checkNumberHighlightedSections({ num_highlights }: z.infer<typeof NumberHighlightedSectionsKwargs>): Check {
  return (response) => {
    let count = 0;
    for (const [h] of response.matchAll(HIGHLIGHT)) if (pyStrip(pyStrip(h, '*')) !== '') count++;
    for (const [h] of response.matchAll(DOUBLE_HIGHLIGHT)) if (pyStrip(h.slice(2, -2)) !== '') count++;
    return count >= num_highlights;
  };
}

export const MultipleSectionsKwargs = z.object({ section_spliter: z.string().min(1), num_sections: z.number().int() });
/** detectable_format:multiple_sections — at least N "<splitter> <number>" markers. */
export function checkMultipleSections({ section_spliter, num_sections }: z.infer<typeof MultipleSectionsKwargs>): Check {
  const pattern = compilePythonPattern(`\\s?${pyStrip(section_spliter)}\\s?\\d+\\s?`, 'g');
  return (response) => [...response.matchAll(pattern)].length >= num_sections;
}

// Python's json.loads also takes NaN, Infinity and -Infinity outside strings.
const JSON_STRING_OR_PY_CONSTANT = /"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g;

// Python `json.loads(text)` succeeds.
function isPythonJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    try {
      JSON.parse(text.replace(JSON_STRING_OR_PY_CONSTANT, (m) => (m.startsWith('"') ? m : '0')));
      return true;
    } catch {
      return false;
    }
  }
}

/** detectable_format:json_format — the whole response (minus a ``` fence) parses as JSON. */
export function checkJsonFormat(): Check {
  return (response) => {
    let value = pyStrip(response);
    for (const prefix of ['```json', '```Json', '```JSON', '```']) if (value.startsWith(prefix)) value = value.slice(prefix.length);
    if (value.endsWith('```')) value = value.slice(0, -3);
    return isPythonJson(pyStrip(value));
  };
}

const TITLE = /<<[^\n]+>>/g;

/** detectable_format:title — a non-empty `<<title>>`. */
export function checkTitle(): Check {
  return (response) => [...response.matchAll(TITLE)].some(([t]) => pyStrip(pyRstrip(pyLstrip(t, '<'), '>')) !== '');
}
