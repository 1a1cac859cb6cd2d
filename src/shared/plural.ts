/** `1 run`, `2 runs`: a count with its noun, plural (an added `s`) unless the count is one. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
