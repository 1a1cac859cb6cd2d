import { createRandom } from '../shared/stats/random.ts';

// Arrival gaps of a request-rate load point, drawn up front like `vllm bench serve`: gamma with shape = burstiness
// and scale = 1 / (rate x burstiness), so the mean gap is 1 / rate whatever the burstiness (1 = Poisson).

/** `count` gaps in milliseconds for `requestRate` requests per second, seeded. */
export function gammaGaps(count: number, requestRate: number, burstiness: number, seed: number): number[] {
  const uniform = createRandom(seed);
  const scaleMs = 1000 / (requestRate * burstiness);
  return Array.from({ length: count }, () => sampleGamma(burstiness, uniform) * scaleMs);
}

// Marsaglia and Tsang's method; shapes below 1 are boosted by U^(1/shape).
function sampleGamma(shape: number, uniform: () => number): number {
  if (shape < 1) return sampleGamma(shape + 1, uniform) * (1 - uniform()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(uniform);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - uniform();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

// Box-Muller.
function normal(uniform: () => number): number {
  const u = 1 - uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
}
