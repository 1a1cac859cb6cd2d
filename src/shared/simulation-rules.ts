import { createHash } from 'node:crypto';

// Rules of the simulated vLLM's script (src/simulator/README.md): tried in order, first match answers.
export interface SimRule {
  match: {
    equals?: string;
    contains?: string;
    endsWith?: string;
    regex?: string;
    anyMessage?: string;
    endpoint?: 'chat' | 'completions';
    /** Chat only: tools offered (true), none (false), or tools of these names offered. */
    tools?: boolean | string | string[];
    /** Chat only: {@link toolsDigest} of the request's `tools`. */
    toolsDigest?: string;
  };
  response?: string;
  /** Calls written after `response` as Qwen2.5 writes them; string arguments are inserted verbatim. */
  toolCalls?: { name: string; arguments: string | Record<string, unknown> }[];
  logprob?: number;
}

/** The simulator's `toolsDigest` of a request's tools: the first 16 hex digits of the sha256 of `JSON.stringify(tools)`. */
export function toolsDigest(tools: unknown): string {
  return createHash('sha256').update(JSON.stringify(tools)).digest('hex').slice(0, 16);
}

/** `gold`: every answer right; `wrong`: every answer wrong; `mix:<share>`: that share right, chosen deterministically. */
export type SimulationMode = 'gold' | 'wrong' | `mix:${string}`;

// Decide which of `count` cases get a correct answer: exactly round(share * count), spread by a fixed stride.
export function pickCorrect(mode: SimulationMode, count: number): boolean[] {
  if (mode === 'gold') return Array.from({ length: count }, () => true);
  if (mode === 'wrong') return Array.from({ length: count }, () => false);
  const share = Number(mode.slice('mix:'.length));
  const correct = Math.round(share * count);
  // Case i is correct when floor((i+1)*correct/count) advances: evenly spread, exact total.
  return Array.from({ length: count }, (_, i) => Math.floor(((i + 1) * correct) / count) > Math.floor((i * correct) / count));
}
