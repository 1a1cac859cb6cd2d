import { describe, expect, test } from 'vitest';
import { MAX_LISTED_FLIPS, renderPairing } from '../../../src/node/report/render-pairing.ts';
import { pairDataset, pairingSides } from '../../../src/shared/history/pair-runs.ts';
import type { RunPairing } from '../../../src/shared/records/pairing.ts';
import { makeRun } from '../tracker/fixtures.ts';
import { datasetOf, passing, type CaseSketch } from '../../shared/history/cases.ts';

// The console lines printed after a watch re-run: what changed, why, and which cases flipped.

const side = (runId: string, cases: Record<string, CaseSketch>) =>
  pairingSides(makeRun({ runId, datasets: [datasetOf(cases)] })).get('gsm8k/0shot')!;

function watchPairing(after: Record<string, CaseSketch>, size: number): RunPairing {
  return {
    kind: 'watch',
    trigger: 'src/evals/gsm8k/prompt.ts',
    datasets: { 'gsm8k/0shot': pairDataset('gsm8k/0shot', side('r1', passing(size)), side('r2', after)) },
  };
}

describe('paired comparison lines', () => {
  test('call other answers to the same prompts noise, not a change of yours', () => {
    const lines = renderPairing(watchPairing({ ...passing(4), '1': { response: 'other', pass: false } }, 4));
    expect(lines).toContain(
      '  Watch re-run after src/evals/gsm8k/prompt.ts changed, paired case by case with the previous run of each dataset:',
    );
    expect(lines).toContain(
      "    cause: noise: 1 answer(s) differ on identical prompts (the server's nondeterminism, not a change of yours)",
    );
    expect(lines).toContain('    broken (1): 1');
  });

  test('list at most MAX_LISTED_FLIPS flipped ids and point at the run record for the rest', () => {
    const size = MAX_LISTED_FLIPS + 5;
    const broken = Object.fromEntries(Array.from({ length: size }, (_, i) => [String(i), { prompt: `edited ${i}`, pass: false }]));
    const line = renderPairing(watchPairing(broken, size)).find((l) => l.startsWith('    broken'))!;
    expect(line).toMatch(new RegExp(`^    broken \\(${size}\\): 0, 1, .*, ${MAX_LISTED_FLIPS - 1} \\(\\+5 more in the run record\\)$`));
  });
});
