import { pyStrip } from './python-text.ts';

/**
 * The eight responses the loose score tries (evaluation_lib.test_instruction_following_loose): the
 * response, without `*`, without its first line, last line or both (stripped), and those three without `*`.
 */
export function looseVariants(response: string): string[] {
  const lines = response.split('\n');
  const removeFirst = pyStrip(lines.slice(1).join('\n'));
  const removeLast = pyStrip(lines.slice(0, -1).join('\n'));
  const removeBoth = pyStrip(lines.slice(1, -1).join('\n'));
  const unstar = (text: string) => text.replaceAll('*', '');
  return [response, unstar(response), removeFirst, removeLast, removeBoth, unstar(removeFirst), unstar(removeLast), unstar(removeBoth)];
}
