// Exact McNemar test: under H0 each discordant pair is a fair coin flip.

/**
 * Two-sided exact McNemar p-value: 2 * P(X <= min(b, c)) for X ~ Binomial(b + c, 1/2), capped at 1.
 * `b` and `c` are the two discordant counts (e.g. regressions and fixes). Returns 1 when b + c = 0.
 * @example exactMcNemar(1, 9) // 0.021484375 = 22/1024
 */
export function exactMcNemar(b: number, c: number): number {
  for (const [name, value] of [
    ['b', b],
    ['c', c],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`\`${name}\` must be a non-negative integer, received ${value}`);
    }
  }
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  // Sum pmf(0..k) in log space: n may be in the thousands, 2^-n underflows.
  const logHalfN = -n * Math.LN2;
  let logChoose = 0;
  let maxLog = logHalfN;
  const terms: number[] = [logHalfN];
  for (let i = 1; i <= k; i++) {
    logChoose += Math.log(n - i + 1) - Math.log(i);
    const term = logChoose + logHalfN;
    terms.push(term);
    if (term > maxLog) maxLog = term;
  }
  let sum = 0;
  for (const term of terms) sum += Math.exp(term - maxLog);
  const tail = Math.exp(maxLog) * sum;
  return Math.min(1, 2 * tail);
}
