import type { KindGroup } from './model.ts';
import { renderGroupedKind } from './grouped-table.ts';

// Which dataset kinds the "Function calling and agents" block shows, in order, and how each is rendered. A kind
// without a renderer of its own gets the grouped tables; add a kind here to show its suites in the block.

/** Renders the lines of one kind's datasets. */
export type KindRenderer = (group: KindGroup) => string[];

/** Kinds shown in the block, in order, with their renderer. */
export const AGENT_SECTION_RENDERERS: ReadonlyArray<readonly [kind: string, render: KindRenderer]> = [
  ['function_calling', renderGroupedKind],
  ['agent', renderGroupedKind],
];

/** The kinds the block shows. */
export const AGENT_SECTION_KINDS: readonly string[] = AGENT_SECTION_RENDERERS.map(([kind]) => kind);

/** The renderer of a kind (the plain table when it has none of its own). */
export function rendererOf(kind: string): KindRenderer {
  return AGENT_SECTION_RENDERERS.find(([own]) => own === kind)?.[1] ?? renderGroupedKind;
}
