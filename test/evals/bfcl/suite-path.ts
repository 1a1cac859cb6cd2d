import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDispatcher } from '../../../src/node/server/dispatcher.ts';
import { createEvalClient, type EvalClient } from '../../../src/runtime/client/chat.ts';
import type { AnyEvalDefinition, TaskContext } from '../../../src/runtime/define-eval.ts';
import type { BfclCase, BfclCategory, ToolMessageLike } from '../../../src/evals/bfcl/index.ts';
import { BFCL_METRICS } from '../../../src/evals/bfcl/metrics.ts';
import { bfclEvals } from '../../../src/evals/bfcl/suite.ts';
import { runScorer, type MultiScoreResult } from '../../../src/scorers/scorer.ts';
import { toolsDigest, type SimRule } from '../../../src/shared/simulation-rules.ts';
import type { CaseRecord } from '../../../src/shared/records/case-record.ts';
import { buildDatasetResult } from '../../../src/shared/records/dataset-result.ts';
import type { DatasetResult } from '../../../src/shared/records/run-record.ts';
import { buildToolsRequest } from '../../../src/evals/bfcl/tools-request.ts';
import { killAll, startServer } from '../../simulator/support/sim-process.ts';

// The BFCL suite's own path for tests: a scripted simulated vLLM started with the hermes tool parser, the suite's
// task (request building, the client through the dispatcher) and its scorer, and the case records summed into
// dataset results as the reporter does. No nested Vitest run: the same code, minus the runner.

const MODEL = 'Qwen/Qwen2.5-7B-Instruct';
const SAMPLING = { temperature: 0, topP: 1, seed: 1, maxTokens: 4096 };
const TIMEOUTS = { headersTimeoutMs: 10_000, idleTimeoutMs: 10_000, requestTimeoutMs: 20_000 };
/** Short engine steps: these runs check answers, not timing. */
const FAST = { VLLM_SIM_STEP_MS: '0.1', VLLM_SIM_STEP_PER_SEQ_MS: '0' };

/** One scripted answer: the case it is for and the chat message the server's parser should give back. */
export interface ScriptedAnswer {
  item: BfclCase;
  /** Calls become hermes `<tool_call>` text the server parses; content is the text before them (or the whole answer). */
  message: ToolMessageLike;
}

/** The key of the requests a rule matches (the simulator cannot tell requests with the same key apart). */
export function requestKey(item: BfclCase): string {
  const request = buildToolsRequest(item);
  const lastUser = request.messages.findLast((m) => m.role === 'user')?.content ?? '';
  return `${lastUser}\u0000${request.tools.length > 0 ? toolsDigest(request.tools) : 'no tools'}`;
}

// A scripted answer as a rule matching the suite's tools-mode request for its case.
function ruleOf({ item, message }: ScriptedAnswer): SimRule {
  const request = buildToolsRequest(item);
  const lastUser = request.messages.findLast((m) => m.role === 'user')?.content ?? '';
  const tools = request.tools.length > 0 ? { toolsDigest: toolsDigest(request.tools) } : { tools: false };
  const calls = message.tool_calls ?? [];
  return {
    match: { endpoint: 'chat', equals: lastUser, ...tools },
    response: message.content ?? '',
    ...(calls.length > 0 ? { toolCalls: calls.map((c) => ({ name: c.function.name, arguments: c.function.arguments })) } : {}),
  };
}

/** A scored case: the suite's scorer result, with the raw chat answer. */
export interface ScoredCase {
  item: BfclCase;
  result: MultiScoreResult;
}

/** A simulated server scripted with `answers`, and the suite asking it. */
export interface SuiteHarness {
  /** Ask every case through the suite's tools-mode task and score it with the suite's scorer. */
  run(items: readonly BfclCase[], concurrency?: number): Promise<ScoredCase[]>;
  close(): Promise<void>;
}

/** A scripted simulated vLLM (hermes tool parser on) behind a dispatcher, and the eval client asking it. */
export async function startScriptedClient(
  rules: readonly SimRule[],
): Promise<{ client: EvalClient; log: () => string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'bfcl-suite-'));
  const script = join(dir, 'script.json');
  writeFileSync(script, JSON.stringify(rules));
  const server = await startServer(['--enable-auto-tool-choice', '--tool-call-parser', 'hermes', '--max-num-seqs', '64'], {
    VLLM_SIM_SCRIPT: script,
    ...FAST,
  });
  const dispatcher = await startDispatcher({ upstreams: [server.baseUrl], inFlightLimit: 32, timeouts: TIMEOUTS });
  return {
    client: createEvalClient({ baseUrl: dispatcher.baseUrl, model: MODEL, maxRetries: 2 }),
    log: () => `${server.stderr().slice(-3000)}${server.stdout().slice(-3000)}`,
    async close() {
      await dispatcher.close();
      await killAll();
    },
  };
}

/** Start a hermes-parsing simulated vLLM answering `answers`, with a dispatcher and the eval client in front. */
export async function startSuiteHarness(answers: readonly ScriptedAnswer[]): Promise<SuiteHarness> {
  const { client, log, close } = await startScriptedClient(answers.map(ruleOf));
  const definitions = new Map<string, AnyEvalDefinition>();
  const definitionOf = (category: BfclCategory) => {
    let definition = definitions.get(category);
    if (!definition) {
      [definition] = bfclEvals({ variants: { bfcl: [category] } });
      definitions.set(category, definition!);
    }
    return definition!;
  };
  return {
    async run(items, concurrency = 32) {
      const results: ScoredCase[] = new Array(items.length);
      let next = 0;
      const context = { client, sampling: SAMPLING, signal: new AbortController().signal } as unknown as TaskContext;
      const worker = async () => {
        while (next < items.length) {
          const index = next++;
          const item = items[index]!;
          const definition = definitionOf(item.category);
          const output = await definition.task!(item, context);
          const result = await runScorer(definition.scorers[0]!, {
            item,
            output,
            response: definition.response ? definition.response(output) : output.text,
            expected: definition.expected?.(item),
            signal: context.signal,
            client,
          });
          results[index] = { item, result };
        }
      };
      try {
        await Promise.all(Array.from({ length: concurrency }, worker));
      } catch (error) {
        // The server's log says why a request broke (a crash, a refused request).
        throw new Error(`BFCL suite run failed; simulated vLLM log tail:\n${log()}`, {
          cause: error,
        });
      }
      return results;
    },
    close,
  };
}

/** Score a chat message as the suite does when the client returns it (no server: the scorer path alone). */
export async function scoreMessage(item: BfclCase, message: ToolMessageLike): Promise<ScoredCase> {
  const [definition] = bfclEvals({ variants: { bfcl: [item.category] } });
  const output = {
    text: message.content ?? '',
    toolCalls: (message.tool_calls ?? []).map((call, i) => ({
      id: `call-${i}`,
      type: 'function' as const,
      function: { name: call.function.name, arguments: call.function.arguments },
    })),
    originalNames: Object.fromEntries(buildToolsRequest(item).originalNames),
  };
  const result = await runScorer(definition!.scorers[0]!, {
    item,
    output,
    response: definition!.response ? definition!.response(output) : output.text,
    expected: definition!.expected?.(item),
    signal: new AbortController().signal,
    client: {} as EvalClient,
  });
  return { item, result };
}

/** Scored cases of one category as the run record's dataset result (the reporter's summing, with its intervals). */
export function datasetResultOf(category: BfclCategory, cases: readonly ScoredCase[]): DatasetResult {
  const records: CaseRecord[] = cases.map(({ item, result }) => ({
    runId: 'test',
    simulation: 'script',
    dataset: 'bfcl',
    variant: category,
    caseId: item.id,
    prompt: '',
    response: null,
    expected: '',
    extracted: result.extracted ?? {},
    scores: result.scores,
    verdict: result.verdict ?? 'correct',
    usage: { promptTokens: null, completionTokens: null },
    timing: { requests: 1, ttftMs: null, latencyMs: 0 },
    quality: { truncated: 0, overLength: 0, capped: 0, retries: 0 },
  }));
  const suite = {
    dataset: 'bfcl',
    variant: category,
    label: `BFCL ${category}`,
    primaryMetric: 'accuracy',
    metricSpecs: BFCL_METRICS,
    pins: [],
    promptHash: 'test',
    datasetSize: null,
    selected: records.length,
    judge: null,
    kind: 'function_calling',
    toolCallParser: 'hermes',
  };
  return buildDatasetResult(suite, records);
}
