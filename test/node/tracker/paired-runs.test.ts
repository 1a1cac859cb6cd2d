import { describe, expect, test } from 'vitest';
import { buildTrackerModel } from '../../../src/node/tracker/model.ts';
import { renderTrackerMarkdown } from '../../../src/node/tracker/render.ts';
import { pairingSides, pairRuns } from '../../../src/shared/history/pair-runs.ts';
import { datasetOf, passing } from '../../shared/history/cases.ts';
import { makeRun } from './fixtures.ts';
import { config } from './history.ts';

// The tracker's prompt-tuning sections: a replay shown as old vs new scores of the same answers with its flipped
// cases, and the server's performance taken from a run that asked it.

const stored = makeRun({
  runId: 'r1-stored',
  startedAt: '2026-11-27T10:00:00.000Z',
  datasets: [datasetOf({ ...passing(8), '8': { pass: false }, '9': { pass: false } })],
});
const replayed = makeRun({
  runId: 'r2-replay',
  startedAt: '2026-11-27T11:00:00.000Z',
  datasets: [datasetOf(passing(10))],
  replayOf: stored.runId,
  performance: { requests: 0, wallMs: 0, outputTokensPerSec: null, requestsPerSec: null },
});
const replay = { ...replayed, comparison: pairRuns(pairingSides(stored), replayed, { kind: 'replay' }) };
const markdown = renderTrackerMarkdown(buildTrackerModel([stored, replay], config));

describe('tracker prompt-tuning sections', () => {
  test('show a replay as old vs new scores with its fixed cases', () => {
    const section = markdown.slice(markdown.indexOf('## Replays and watch re-runs'), markdown.indexOf('## Unstable cases'));
    expect(section).toContain('### `r2-replay`');
    expect(section).toContain('replays the answers of `r1-stored`');
    expect(section).toMatch(
      /\| gsm8k\/0shot \| strict \| 0\.800 \| 1\.000 \| \+0\.200 .*\| scorer change \(2 case\(s\) scored differently on identical answers\) \| 8, 9 \| — \|/,
    );
  });

  test('take the server performance from the newest run that asked it, not from a replay', () => {
    expect(markdown).toContain('Measured by run `r1-stored` (the newest that asked the server)');
  });
});
