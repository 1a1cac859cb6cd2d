import type { Check } from './types.ts';

/** punctuation:no_comma — no `,` at all (other comma characters are allowed, as in the reference). */
export function checkNoComma(): Check {
  return (response) => !response.includes(',');
}
