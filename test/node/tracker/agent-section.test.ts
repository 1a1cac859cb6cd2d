import { describe, expect, test } from 'vitest';
import { aggregateBfclRun } from '../../../src/evals/bfcl/run-aggregate.ts';
import { AGENT_SECTION_HEADING } from '../../../src/node/tracker/agent-section/render.ts';
import { buildTrackerModel } from '../../../src/node/tracker/model.ts';
import { renderTrackerMarkdown } from '../../../src/node/tracker/render.ts';
import type { DatasetResult, RunRecord } from '../../../src/shared/records/run-record.ts';
import { binaryScores, makeDataset, makeRun } from './fixtures.ts';
import { config } from './history.ts';

// The tracker's "Function calling and agents" block: BFCL per category and overall with intervals, its mode and parser
// failures; other kinds in a plain table; nothing when no such suite ran.

function bfcl(variant: string, correct: number, scored: number, parserFailed = 0): DatasetResult {
  const base = makeDataset({ dataset: 'bfcl', variant, metric: 'accuracy', scores: binaryScores(scored, correct), datasetSize: 400 });
  return {
    ...base,
    kind: 'function_calling',
    toolCallParser: variant.endsWith('.qwen_text') ? null : 'hermes',
    counts: { ...base.counts, cases: scored + parserFailed, parserFailed },
  };
}

// A run record as the reporter writes it: the BFCL keys and their run aggregate.
function runWith(datasets: DatasetResult[], extra: Parameters<typeof makeRun>[0] = {}): RunRecord {
  const run = makeRun({ datasets, ...extra });
  return { ...run, aggregates: aggregateBfclRun(run.datasets) };
}

function block(runs: RunRecord[]): string {
  const markdown = renderTrackerMarkdown(buildTrackerModel(runs, config));
  const start = markdown.indexOf(AGENT_SECTION_HEADING);
  if (start === -1) return '';
  const rest = markdown.slice(start + AGENT_SECTION_HEADING.length);
  return rest.slice(0, rest.search(/^#{1,4} /m));
}

describe('the "Function calling and agents" block of the tracker', () => {
  const run = runWith([bfcl('simple_python', 30, 40, 3), bfcl('irrelevance', 18, 20), bfcl('simple_python.qwen_text', 25, 40)]);
  const text = block([run]);

  test('shows each BFCL mode apart, with the parser the tools mode went through', () => {
    expect(text).toContain("**BFCL v4, tools mode**: OpenAI `tools` API through vLLM's tool parser (parser `hermes`)");
    expect(text).toContain('**BFCL v4, qwen_text mode**');
    expect(text).toContain('Numbers of different groups are not comparable.');
  });

  test('shows per-category accuracy with its interval and parser failures in the notes', () => {
    expect(text).toMatch(/\| simple_python +\| 0\.750 \(0\.\d{3}-0\.\d{3}\) +\| 43 of 400 +\| 3 parser failures \(not scored\) +\|/);
    expect(text).toMatch(/\| irrelevance +\| 0\.900 \(0\.\d{3}-0\.\d{3}\) +\|/);
  });

  test("shows BFCL's summaries with intervals and the categories counted as 0", () => {
    const irrelevance = (0.9 + 0) / 2;
    expect(text).toMatch(
      new RegExp(`\\| irrelevance +\\| ${irrelevance.toFixed(3)} \\(0\\.\\d{3}-0\\.\\d{3}\\) +\\| .* \\| live_irrelevance +\\|`),
    );
    expect(text).toMatch(/\| overall_partial +\| 0\.\d{3} /);
  });

  test('lists categories in BFCL order and gives no interval to a summary of categories not run', () => {
    expect(text.indexOf('| simple_python ')).toBeLessThan(text.indexOf('| irrelevance '));
    expect(text).toMatch(/\| live_ast +\| 0\.000 \(—\) +\|/);
  });

  test('counts parser failures where the server parsed the calls', () => {
    expect(text).toContain("Parser failures (answers the server's tool parser could not read; not scored, not model failures): 3.");
    // Answers read from raw completions never pass the server's tool parser.
    expect(text.slice(text.indexOf('qwen_text mode'))).not.toContain('Parser failures');
  });

  test('shows an agent suite in the plain table', () => {
    const agent = {
      ...makeDataset({ dataset: 'agent_tasks', variant: 'react', metric: 'success', scores: binaryScores(10, 7) }),
      kind: 'agent',
    };
    expect(block([runWith([agent])])).toMatch(/\| agent_tasks\/react +\| success +\| 0\.700 /);
  });

  test('is left out of a section where no such suite ran', () => {
    expect(block([makeRun()])).toBe('');
  });

  test('recomputes BFCL summaries when the categories come from different runs', () => {
    const first = runWith([bfcl('simple_python', 40, 40)], { startedAt: '2026-11-27T10:00:00.000Z' });
    const second = runWith([bfcl('irrelevance', 20, 20)], { startedAt: '2026-11-27T11:00:00.000Z' });
    const merged = block([first, second]);
    expect(merged).toMatch(/\| non_live_simple_ast +\| 0\.333 /);
    expect(merged).toMatch(/\| irrelevance +\| 0\.500 /);
  });
});
