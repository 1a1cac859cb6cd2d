import type { ReportPlace } from '../builtin.ts';
import { BFCL_CATEGORIES } from './categories.ts';
import { parseBfclVariant } from './variants.ts';

// Where a BFCL key goes in the tracker: one table per mode (numbers of the two modes are never compared), rows by
// category in BFCL's order, the mode's summaries (the run aggregates of the same group) below.

const MODE_NOTES = {
  tools: "OpenAI `tools` API through vLLM's tool parser",
  qwen_text: "BFCL's own Qwen prompt on raw /v1/completions, `<tool_call>` read from the text",
} as const;

/** The tracker place of a BFCL variant. */
export function placeBfclVariant(variant: string): ReportPlace {
  const { category, mode } = parseBfclVariant(variant);
  return {
    group: mode,
    title: `BFCL v4, ${mode} mode`,
    note: MODE_NOTES[mode],
    rowHeading: 'Category',
    row: category,
    order: BFCL_CATEGORIES.indexOf(category),
  };
}
