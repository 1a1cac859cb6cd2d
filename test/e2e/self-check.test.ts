import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import projectConfig from '../../qwen-evals.config.ts';
import { builtinMetricsByKey, resolveVariants, selectedBuiltins } from '../../src/evals/registry.ts';
import { parseEvalConfig } from '../../src/node/load-config.ts';
import type { RunRecord } from '../../src/shared/records/run-record.ts';
import { evalEnv, readRunRecords, startVitest } from '../helpers/run-vitest.ts';

// Pipeline self-check: every suite, answered from the dataset's own gold, must score 100%; answered
// wrongly, 0%. A scorer, prompt or extraction change that breaks this fails CI.
const LIMIT = '6';
// Every built-in in one nested run: more than the default 120 s per test on a busy machine.
const SELF_CHECK_TIMEOUT_MS = 300_000;

function expectedOf(resultsDir: string, record: RunRecord): Record<string, Record<string, number>> {
  const file = join(resultsDir, 'simulation', `${record.runId}.expected.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { expected: Record<string, Record<string, number>> }).expected;
}

async function runAllSuites(
  mode: string,
): Promise<{ record: RunRecord; expected: Record<string, Record<string, number>>; output: string; resultsDir: string }> {
  const env = evalEnv({ EVAL_SIMULATE: mode, EVAL_LIMIT: LIMIT });
  const result = await startVitest(['--project', 'qwen3_8b'], env);
  const [record] = readRunRecords(env.EVAL_RESULTS_DIR!);
  expect(record, result.all).toBeDefined();
  return {
    record: record!,
    expected: expectedOf(env.EVAL_RESULTS_DIR!, record!),
    output: result.all ?? '',
    resultsDir: env.EVAL_RESULTS_DIR!,
  };
}

describe.sequential('pipeline self-check on the simulated vLLM', { timeout: SELF_CHECK_TIMEOUT_MS }, () => {
  test('every suite scores 100% on answers built from its gold', async () => {
    const { record, expected, output, resultsDir } = await runAllSuites('gold');
    const keys = Object.keys(record.datasets).sort();
    expect(keys).toEqual(
      expect.arrayContaining([
        'arc_challenge/chat',
        'arc_challenge/loglikelihood',
        'gsm8k/0shot',
        'hellaswag/chat',
        'hellaswag/loglikelihood',
        'humaneval/instruct',
        'ifeval/chat',
        'json_output/prompted',
        'json_output/structured',
        'mbpp/test',
        'mt_bench/single',
        'multi_turn/chat',
        'tool_use/chat',
        'bfcl/simple_python',
        'bfcl/live_relevance',
      ]),
    );
    // Every built-in the config selects ran each of its variants, and scored exactly the metrics its registry entry
    // declares (the names config thresholds are checked against when the config loads).
    const config = parseEvalConfig(projectConfig);
    const variants = resolveVariants(config.variants);
    const selected = selectedBuiltins(config.evals).flatMap((d) => variants[d.name]!.map((variant) => `${d.name}/${variant}`));
    expect(keys).toEqual(expect.arrayContaining(selected));
    const declared = builtinMetricsByKey(config.code);
    for (const [key, dataset] of Object.entries(record.datasets)) {
      expect(
        dataset.metricSpecs.map((spec) => spec.name),
        `${key}: scored vs declared in its metrics`,
      ).toEqual(declared.get(key)?.map((spec) => spec.name));
    }
    // BFCL asks through the tools API: the server got vLLM's tool flags, and BFCL's summaries reach the summary and tracker.
    expect(record.server.command?.join(' ')).toContain('--enable-auto-tool-choice --tool-call-parser hermes');
    expect(record.aggregates?.find((a) => a.dataset === 'bfcl' && a.name === 'single_turn_overall')?.value).toBe(1);
    expect(output).toMatch(/^ {2}bfcl overall \(tools\): non_live_simple_ast 1\.000 /m);
    const tracker = readFileSync(join(resultsDir, 'TRACKER-full.md'), 'utf8');
    expect(tracker).toContain('#### Function calling and agents');
    expect(tracker).toMatch(/\| live_relevance +\| 1\.000 \(/);
    // The agent checks sit in the same block; tool_use ran through the tool parser the launcher started.
    expect(record.datasets['tool_use/chat']).toMatchObject({ kind: 'agent', toolCallParser: 'hermes' });
    const agentBlock = tracker.slice(tracker.indexOf('#### Function calling and agents')).split(/\n#/)[0]!;
    for (const key of ['json_output/prompted', 'json_output/structured', 'multi_turn/chat', 'tool_use/chat']) {
      expect(agentBlock, key).toMatch(new RegExp(`^\\| ${key} +\\|`, 'm'));
    }
    for (const [key, dataset] of Object.entries(record.datasets)) {
      expect(dataset.counts.error, `${key}\n${output}`).toBe(0);
      expect(dataset.counts.unparseable, key).toBe(0);
      for (const spec of dataset.metricSpecs) {
        const value = dataset.metrics[spec.name]!.value;
        expect(value, `${key} ${spec.name}`).toBe(expected[key]![spec.name]);
        if (spec.kind !== 'mean') expect(value, `${key} ${spec.name}`).toBe(1);
      }
    }
  });

  test('every suite scores 0% on answers built to be wrong', async () => {
    const { record, expected, output } = await runAllSuites('wrong');
    // The console is made for CI logs: bounded, and ending with the table, the failed gates and the paths.
    const lines = output.trimEnd().split('\n');
    expect(lines.length, output).toBeLessThan(200);
    expect(output).toMatch(/GATE FAILED qwen3_8b/);
    expect(output).toMatch(/^ {2}gsm8k\/0shot +strict 0\.000 /m);
    expect(output).toMatch(/^ {2}FAIL +threshold +gsm8k\/0shot strict/m);
    expect(output).toMatch(/^ {2}run record: .*\.json\n {2}cases: .*\.jsonl\n {2}tracker: .*TRACKER\.md$/m);
    expect(output).not.toMatch(/✓/);
    expect(record.aggregates?.find((a) => a.dataset === 'bfcl' && a.name === 'single_turn_overall')?.value).toBe(0);
    for (const [key, dataset] of Object.entries(record.datasets)) {
      expect(dataset.counts.error, key).toBe(0);
      for (const spec of dataset.metricSpecs) {
        const value = dataset.metrics[spec.name]!.value;
        expect(value, `${key} ${spec.name}`).toBe(expected[key]![spec.name]);
        // Constrained decoding keeps a wrong answer's JSON valid whenever the server can (the variant's point).
        if (key === 'json_output/structured' && spec.name === 'json_valid') continue;
        if (spec.kind !== 'mean') expect(value, `${key} ${spec.name}`).toBe(0);
        else expect(value, `${key} ${spec.name}`).toBe(spec.range[0]);
      }
    }
  });
});
