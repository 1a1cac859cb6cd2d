import type { KindGroup } from './model.ts';
import { rendererOf } from './renderers.ts';

/** Heading of the block. */
export const AGENT_SECTION_HEADING = '#### Function calling and agents';

/** The block of a section: nothing when none of its kinds ran. */
export function renderAgentSection(groups: readonly KindGroup[]): string[] {
  if (groups.length === 0) return [];
  return ['', AGENT_SECTION_HEADING, '', ...groups.flatMap((group) => rendererOf(group.kind)(group))];
}
