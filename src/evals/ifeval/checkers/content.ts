import { z } from 'zod';
import { compilePythonPattern } from '../python-regex.ts';
import { pyStrip } from '../python-text.ts';
import type { Check } from './types.ts';

// detectable_content:* — placeholders and postscripts.

const PLACEHOLDER = /\[[^\n]*?\]/g;

export const NumberPlaceholdersKwargs = z.object({ num_placeholders: z.number().int() });
/** detectable_content:number_placeholders — at least N `[...]` on one line each. */
export function checkNumberPlaceholders({ num_placeholders }: z.infer<typeof NumberPlaceholdersKwargs>): Check {
  return (response) => (response.match(PLACEHOLDER)?.length ?? 0) >= num_placeholders;
}

export const PostscriptKwargs = z.object({ postscript_marker: z.string().min(1) });
/** detectable_content:postscript — the marker (`P.S.`, `P.P.S`, loosely spaced) appears anywhere, case-insensitively. */
export function checkPostscript({ postscript_marker }: z.infer<typeof PostscriptKwargs>): Check {
  const marker = pyStrip(postscript_marker);
  // The reference's `\s*` prefix and `.*$` suffix (MULTILINE) always match, so only the core matters.
  const core = marker === 'P.P.S' ? 'p\\.\\s?p\\.\\s?s' : marker === 'P.S.' ? 'p\\.\\s?s\\.' : marker.toLowerCase();
  const pattern = compilePythonPattern(core);
  return (response) => pattern.test(response.toLowerCase());
}
