import { createHash } from 'node:crypto';
import { describe, test, type TaskMeta } from 'vitest';
import { renderTranscript, type ChatMessage } from '../shared/chat-message.ts';
import type { RunContext, ServerStatus } from '../shared/context.ts';
import { ConfigError, describeError, HarnessError, GateFailedError } from '../shared/errors.ts';
import type { CaseRecord } from '../shared/records/case-record.ts';
import type { MetricSpec } from '../shared/records/metric.ts';
import { datasetKey, type JudgeInfo, type SuiteMeta } from '../shared/records/suite-meta.ts';
import type { Sampling } from '../shared/sampling.ts';
import { metricsOf, type AnyScorer } from '../scorers/scorer.ts';
import { isFatalServerError, type ChatResult, type EvalClient } from './client/chat.ts';
import type { CompletionResult } from './client/completions.ts';
import { caseSessionId, withSession } from './client/session.ts';
import { getEvalClient } from './eval-client.ts';
import { getGateHistory, getServerStatus, injectRunContext } from './context.ts';
import { loadData, type DataSource } from './data.ts';
import { CaseLedger, withLedger } from './ledger.ts';
import { keptOutput, replayEvalCase } from './replay.ts';
import { loadResumedCases } from './resume.ts';
import { defaultExpected, detailOf, formatExpected, scoreOutput, textOf, withoutReasoning } from './score-output.ts';
import { describeShardGates, shardPositions } from './shard.ts';

// The public one-file eval API: `defineEval({ name, data, prompt, scorers })` registers one Vitest test per case
// and a gate test, and fills in everything else (EVAL_LIMIT, resume, replay, usage and timing, verdicts, records, gates).

/** What a task gets besides the case: the run's client and the sampling to use. */
export interface TaskContext {
  /** The run's client (through the dispatcher, which keeps the server's batch full); every request is counted for the case. */
  client: EvalClient;
  /** The model's sampling with the eval's `sampling` overrides. */
  sampling: Sampling;
  /** Aborted when the case times out or the run is cancelled; pass it to every request. */
  signal: AbortSignal;
  server: ServerStatus;
  run: RunContext;
  /**
   * This case's session id, sent as `x-session-id` on every request of the case (turns, retries, agent steps) so a
   * router keeps the conversation on one replica. Add it to requests you send without `client`.
   */
  sessionId: string;
}

/** The answer of the default task: a chat or completion result with its text. */
export type DefaultOutput = ChatResult | CompletionResult;

/** An eval: its cases, what to ask, how to score. */
export interface EvalDefinition<Item, Output = DefaultOutput> {
  /** Dataset name (lower-case `[a-z0-9_]`); with `variant` it forms the key `name/variant` of records, thresholds and the tracker. */
  name: string;
  /** @default 'default' */
  variant?: string;
  /** Shown in reports. @default the key */
  label?: string;
  /** The cases: an array, a function returning them, or `jsonl()`, `csv()`, `remoteFile()`. */
  data: DataSource<Item>;
  /** Case id: a field of the item or a function; ids must be unique. @default `item.id`, else the 0-based index */
  id?: (Item extends object ? Extract<keyof Item, string> : never) | ((item: Item, index: number) => string | number);
  /** What is sent: chat messages, or a string for `/v1/completions`. Recorded per case and hashed into the fingerprint. */
  prompt: (item: Item) => ChatMessage[] | string;
  /** What the case record keeps of the prompt (for prompts too long to store whole). @default the whole prompt as a transcript */
  transcript?: (item: Item) => string;
  /** Asks the server. @default sends `prompt(item)` (chat or completion) with the eval's sampling */
  task?: (item: Item, context: TaskContext) => Promise<Output>;
  /** The answer as text for the record and scorers. @default `output.text` */
  response?: (output: Output) => string;
  /** The expected answer handed to scorers. @default `item.expected`, else `item.answer` */
  expected?: (item: Item) => unknown;
  /**
   * Scorers; the first metric of the first scorer is the primary one (verdicts, default gates, tracker). They never
   * decide the item type (`data` does); a scorer that reads the item names it: `choiceLetter<Question>({ ... })`.
   */
  scorers: AnyScorer<NoInfer<Item>, Output>[];
  /** Minimum score per metric. The config's `thresholds[model][key]` name built-in datasets only, and take precedence over theirs. */
  thresholds?: Record<string, number>;
  /** Sampling overrides for this eval, over the model's sampling. */
  sampling?: Partial<Sampling>;
  /** Who judges a judged eval, for records and comparability. */
  judge?: JudgeInfo | null;
  /** What the eval measures, for report sections that group evals (`function_calling`, ...). @default null */
  kind?: string;
  /**
   * The eval asks with `tools` and reads the server's parsed tool calls: its records name the server's tool parser and runs
   * with another parser are not compared. (Built-ins also declare it in their registry entry, so the launcher adds the flags.)
   * @default false
   */
  toolCalling?: boolean;
  /** Size of the full dataset when `data` already holds a subset. @default the number of cases loaded */
  datasetSize?: number;
}

/** A request the server failed in a way that ends the run; later cases are skipped instead of repeating it. */
let fatalError: Error | null = null;

/**
 * Type an eval definition without registering it (for modules that build definitions, registered later by
 * `defineEval`); the callbacks get the item's type from `data`.
 */
export function evalDefinition<Item, Output = DefaultOutput>(definition: EvalDefinition<Item, Output>): EvalDefinition<Item, Output> {
  return definition;
}

/** Any eval definition, whatever its item and output types (for lists of definitions). */
// biome-ignore lint/suspicious/noExplicitAny: a list of evals of different case types
export type AnyEvalDefinition = EvalDefinition<any, any>;

/**
 * Define an eval: one Vitest test per case (concurrently, up to the run's in-flight limit) plus a `gate` test that
 * checks thresholds and the baseline. A wrong answer is a recorded result, not a failed test; a case fails only
 * when the pipeline broke (server, scorer), and the gate fails the run when a score is below what it must be.
 * @example
 * defineEval({
 *   name: 'arith',
 *   data: jsonl('evals/arith.jsonl'),
 *   prompt: (item) => [{ role: 'user', content: item.question }],
 *   scorers: [numericMatch({ name: 'strict', extract: 'boxed' })],
 *   thresholds: { strict: 0.8 },
 * });
 */
export function defineEval<Item, Output = DefaultOutput>(definition: EvalDefinition<Item, Output>): void {
  const metricSpecs = checkDefinition(definition);
  const key = datasetKey({ dataset: definition.name, variant: definition.variant ?? 'default' });
  // Suite meta is filled in after the cases are registered: tests copy their parent's meta when created.
  const meta: TaskMeta = {};
  describe(definition.label ?? key, { meta }, async () => {
    const run = injectRunContext();
    const [server, loaded] = await Promise.all([getServerStatus(run), loadData(definition.data, run)]);
    const all = loaded.items;
    const allIds = caseIds(definition, all, key);
    // A replay scores the cases the replayed run answered, in dataset order; EVAL_LIMIT and the shard still apply.
    const replayed = run.replay ? loadResumedCases(run.replay.casesFile, definition.name, definition.variant ?? 'default') : null;
    const candidates = all.map((item, index) => ({ item, id: allIds[index]! })).filter(({ id }) => !replayed || replayed.has(id));
    const limited = run.limit === null ? candidates : candidates.slice(0, run.limit);
    const selection = shardPositions(limited.length, run.shard).map((i) => limited[i]!);
    const cases = selection.map((c) => c.item);
    const ids = selection.map((c) => c.id);
    if (replayed && selection.length === 0) {
      test.skip(`${key}: not in the replayed run ${run.replay!.runId}`);
      return;
    }
    const thresholds = { ...definition.thresholds, ...run.thresholds[key] };
    const sampling: Sampling = { ...run.sampling, ...definition.sampling };
    const client = getEvalClient(run);
    const resumed = run.resumeFrom
      ? loadResumedCases(run.resumeFrom, definition.name, definition.variant ?? 'default')
      : new Map<string, CaseRecord>();
    const suite: SuiteMeta = {
      dataset: definition.name,
      variant: definition.variant ?? 'default',
      label: definition.label ?? key,
      primaryMetric: metricSpecs[0]!.name,
      metricSpecs,
      pins: loaded.pins,
      promptHash: replayed
        ? replayedPromptHash(definition, all[0], selection, replayed, run.replay!.promptHashes[key])
        : hashPromptTemplate(definition, all[0]),
      datasetSize: definition.datasetSize ?? all.length,
      selected: cases.length,
      judge: definition.judge ?? null,
      kind: definition.kind ?? null,
      toolCallParser: definition.toolCalling ? (run.toolCallParser ?? 'unknown') : null,
    };
    const records: CaseRecord[] = [];
    const runtime: CaseRuntime = { run, server, client, sampling };
    // A request this suite makes that the server can never answer (tool calls without tool calling) stops the suite.
    let suiteStop: Error | null = null;

    cases.forEach((item, index) => {
      const caseId = ids[index]!;
      test(`${key} ${caseId}`, { concurrent: true }, async (context) => {
        const earlier = resumed.get(caseId);
        const stop = fatalError ?? suiteStop;
        if (!earlier && stop) context.skip(`${fatalError ? 'the run' : 'this suite'} stopped early: ${firstLine(stop)}`);
        const record = earlier
          ? { ...earlier, runId: run.runId }
          : replayed
            ? await replayEvalCase(definition, item, replayed.get(caseId)!, runtime, context.signal)
            : await runEvalCase(definition, item, caseId, runtime, context.signal);
        // Cases in flight when the server failed are recorded as errors; cases not yet started are skipped.
        if (record.verdict === 'error' && isFatalRecord(record)) fatalError ??= new Error(record.error!.message);
        if (record.verdict === 'error' && record.error?.kind === SUITE_STOP_KIND) suiteStop ??= new Error(record.error.message);
        records.push(record);
        context.task.meta.evalCase = record;
        if (record.verdict === 'error') throw reviveError(record);
        // A wrong answer is a measured result, not a passing test: Vitest has no third state, so it is reported as
        // skipped with what was expected and what came (verbose and JSON reporters show the note).
        if (record.verdict === 'wrong' || record.verdict === 'unparseable' || record.verdict === 'parser_failed')
          context.skip(describeMiss(record));
      });
    });

    test(`gate ${key}`, { concurrent: false }, async (context) => {
      if (fatalError) context.skip(`the run stopped early: ${firstLine(fatalError)}`);
      if (suiteStop) context.skip(`this suite stopped early: ${firstLine(suiteStop)}`);
      const history = await getGateHistory(run);
      // The gates' statistics are loaded when the first suite's gate runs, not before the first request.
      const { evaluateSuiteGates } = await import('./gate.ts');
      const gates = await evaluateSuiteGates({ key, suite, records, thresholds, run, server, history });
      context.task.meta.evalGates = gates;
      const failed = gates.filter((gate) => !gate.passed);
      // A shard judged a share of the cases: its gates are advisory, `qwen-evals merge` judges them over all cases.
      if (failed.length && run.shard) context.skip(describeShardGates(run.shard, failed));
      if (failed.length) throw new GateFailedError(`Gate failed:\n${failed.map((gate) => `  - ${gate.message}`).join('\n')}`);
    });

    meta.evalSuite = suite;
  });
}

// Check what can be checked before anything runs; returns the metrics, primary first.
function checkDefinition<Item, Output>(definition: EvalDefinition<Item, Output>): MetricSpec[] {
  const where = `defineEval({ name: ${JSON.stringify(definition.name)} })`;
  if (!/^[a-z0-9_]+$/.test(definition.name ?? '')) {
    throw new ConfigError(`${where}: \`name\` must be lower-case [a-z0-9_], e.g. "arith"; received ${JSON.stringify(definition.name)}.`);
  }
  if (definition.variant !== undefined && !/^[a-z0-9_.-]+$/i.test(definition.variant)) {
    throw new ConfigError(`${where}: \`variant\` must be [A-Za-z0-9_.-], received ${JSON.stringify(definition.variant)}.`);
  }
  if (!Array.isArray(definition.scorers) || definition.scorers.length === 0) {
    throw new ConfigError(`${where}: \`scorers\` must list at least one scorer, e.g. [exactMatch()].`);
  }
  const metrics = definition.scorers.flatMap(metricsOf);
  const seen = new Set<string>();
  for (const metric of metrics) {
    if (seen.has(metric.name))
      throw new ConfigError(`${where}: two scorers report the metric "${metric.name}"; give one of them another \`name\`.`);
    seen.add(metric.name);
  }
  for (const [metric, value] of Object.entries(definition.thresholds ?? {})) {
    const spec = metrics.find((m) => m.name === metric);
    if (!spec) throw new ConfigError(`${where}: \`thresholds.${metric}\` names no metric; the scorers report ${[...seen].join(', ')}.`);
    if (!(value >= spec.range[0] && value <= spec.range[1])) {
      throw new ConfigError(
        `${where}: \`thresholds.${metric}\` is ${value}, expected a number in [${spec.range[0]}, ${spec.range[1]}] (the metric's range).`,
      );
    }
  }
  return metrics;
}

// Ids from the `id` option, the item's `id`, or the index; duplicates are an error in the eval, not a silent overwrite.
function caseIds<Item, Output>(definition: EvalDefinition<Item, Output>, items: readonly Item[], key: string): string[] {
  const pick = definition.id;
  const ids = items.map((item, index) => {
    if (typeof pick === 'function') return String(pick(item, index));
    if (typeof pick === 'string') return String((item as Record<string, unknown>)[pick]);
    const own = (item as { id?: unknown } | null)?.id;
    return typeof own === 'string' || typeof own === 'number' ? String(own) : String(index);
  });
  const seen = new Map<string, number>();
  ids.forEach((id, index) => {
    const first = seen.get(id);
    if (first !== undefined)
      throw new ConfigError(`Eval ${key}: cases ${first} and ${index} have the same id "${id}"; case ids must be unique (option \`id\`).`);
    seen.set(id, index);
  });
  return ids;
}

// The template's hash: the first case's rendered prompt (the data itself is fingerprinted by its pins) and what
// each scorer declares about its own scoring, so a prompt or rubric edit changes the hash.
function hashPromptTemplate<Item, Output>(definition: EvalDefinition<Item, Output>, first: Item | undefined): string {
  const prompt = first === undefined ? null : definition.prompt(first);
  const scorers = definition.scorers.map((s) => s.fingerprint ?? null);
  return createHash('sha256')
    .update(JSON.stringify({ prompt, scorers, sampling: definition.sampling ?? null }))
    .digest('hex')
    .slice(0, 16);
}

// A replay's answers were asked with the recorded prompts: when they differ from today's template, the run keeps the
// replayed run's prompt hash, so it is never compared as if today's prompt had been asked.
function replayedPromptHash<Item, Output>(
  definition: EvalDefinition<Item, Output>,
  first: Item | undefined,
  selection: ReadonlyArray<{ item: Item; id: string }>,
  replayed: ReadonlyMap<string, CaseRecord>,
  recorded: string | undefined,
): string {
  const today = hashPromptTemplate(definition, first);
  const rendered = (item: Item) => {
    const prompt = definition.prompt(item);
    return typeof prompt === 'string' ? prompt : renderTranscript(prompt);
  };
  const same = selection.every(({ item, id }) => replayed.get(id)?.prompt === rendered(item));
  return same || recorded === undefined ? today : recorded;
}

/** What running a case needs besides the case: the run, its server, the client and the eval's sampling. */
export interface CaseRuntime {
  run: RunContext;
  server: ServerStatus;
  client: EvalClient;
  sampling: Sampling;
}

/**
 * Run one case of an eval outside Vitest's registration (the suite does the same per test): ask, score, and turn
 * the outcome into a case record. A thrown error becomes an `error` record, never an exception.
 */
export async function runEvalCase<Item, Output>(
  definition: EvalDefinition<Item, Output>,
  item: Item,
  caseId: string,
  runtime: CaseRuntime,
  signal: AbortSignal,
): Promise<CaseRecord> {
  const identity = {
    runId: runtime.run.runId,
    simulation: runtime.server.simulation,
    dataset: definition.name,
    variant: definition.variant ?? 'default',
    caseId,
  };
  const ledger = new CaseLedger();
  const sessionId = caseSessionId(runtime.run.runId, datasetKey(identity), caseId);
  const client = withLedger(withSession(runtime.client, sessionId), ledger);
  let prompt = '';
  let response: string | null = null;
  try {
    const rendered = definition.prompt(item);
    prompt = definition.transcript ? definition.transcript(item) : typeof rendered === 'string' ? rendered : renderTranscript(rendered);
    const taskContext: TaskContext = { client, sampling: runtime.sampling, signal, server: runtime.server, run: runtime.run, sessionId };
    const output = definition.task ? await definition.task(item, taskContext) : ((await sendPrompt(rendered, taskContext)) as Output);
    response = definition.response ? definition.response(output) : textOf(output);
    const expected = definition.expected ? definition.expected(item) : defaultExpected(item);
    const scored = await scoreOutput(definition.scorers, { item, output: withoutReasoning(output), response, expected, signal, client });
    return {
      ...identity,
      prompt,
      response,
      expected: formatExpected(expected),
      ...scored,
      detail: { ...detailOf(output), ...scored.detail },
      usage: ledger.usage(),
      ...withReasoning(ledger),
      timing: ledger.timing(),
      quality: ledger.quality(),
      ...cacheOf(ledger),
      // An eval's own task may return more than its text for the scorers: kept, so a replay can score it again.
      ...(definition.task ? keptOutput(output) : {}),
    };
  } catch (error) {
    return {
      ...identity,
      prompt,
      response,
      expected: '',
      extracted: {},
      scores: {},
      verdict: 'error',
      error: errorInfo(error),
      usage: ledger.usage(),
      ...withReasoning(ledger),
      timing: ledger.timing(),
      quality: ledger.quality(),
      ...cacheOf(ledger),
    };
  }
}

function cacheOf(ledger: CaseLedger): Pick<CaseRecord, 'cache'> {
  const cache = ledger.cache();
  return cache ? { cache } : {};
}

// The default task: chat messages go to /v1/chat/completions, a string to /v1/completions.
function sendPrompt(rendered: ChatMessage[] | string, context: TaskContext): Promise<DefaultOutput> {
  if (typeof rendered !== 'string') return context.client.chat(rendered, context.sampling, context.signal);
  return context.client.complete(rendered, {
    maxTokens: context.sampling.maxTokens,
    echo: false,
    logprobs: 0,
    seed: context.sampling.seed,
    signal: context.signal,
  });
}

/** The skip note of a wrong or unparseable case: `wrong answer (recorded): expected 18, got "17"`. */
export function describeMiss(record: CaseRecord): string {
  if (record.verdict === 'parser_failed') {
    return "the server's tool parser could not read the answer (recorded and counted apart; not scored, not a model failure)";
  }
  const primary = Object.keys(record.extracted)[0];
  const got = primary === undefined ? undefined : record.extracted[primary];
  const what = record.verdict === 'unparseable' || got == null ? 'no parseable answer' : `got ${JSON.stringify(clip(got))}`;
  return `${record.verdict === 'unparseable' ? 'unparseable answer' : 'wrong answer'} (recorded, not a failure): expected ${JSON.stringify(clip(record.expected))}, ${what}`;
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

// A reasoning model's reasoning is recorded apart from the response: scorers only ever see the answer.
function withReasoning(ledger: CaseLedger): Pick<CaseRecord, 'reasoning'> {
  const reasoning = ledger.reasoning();
  return reasoning ? { reasoning } : {};
}

// The record's error: a request failure keeps its kind (`context-length`, `timeout-idle`, ...) for the quality counters.
function errorInfo(error: unknown): NonNullable<CaseRecord['error']> {
  const { request, ...info } = describeError(error);
  const kind = isFatalServerError(error) ? FATAL_KIND : request?.kind;
  return { ...info, ...(kind ? { kind } : {}) };
}

/** Error kind of a case that failed because the server is gone (dead, or the failure budget spent). */
const FATAL_KIND = 'server-dead';

/** Error kind that no later case of the same suite can escape: the server has no tool calling. */
const SUITE_STOP_KIND = 'tool-calling-off';

function isFatalRecord(record: CaseRecord): boolean {
  return record.error?.kind === FATAL_KIND;
}

function reviveError(record: CaseRecord): Error {
  const info = record.error!;
  const error = new HarnessError((info.code as HarnessError['code']) ?? 'EVAL_REQUEST_FAILED', info.message);
  error.name = info.name;
  return error;
}

function firstLine(error: unknown): string {
  return ((error as Error)?.message ?? String(error)).split('\n')[0] ?? '';
}
