import type { CaseRecord } from '../shared/records/case-record.ts';
import { describeError, ReplayError } from '../shared/errors.ts';
import type { CaseRuntime, EvalDefinition } from './define-eval.ts';
import { CaseLedger, withLedger } from './ledger.ts';
import { defaultExpected, detailOf, formatExpected, scoreOutput, withoutReasoning } from './score-output.ts';

// EVAL_REPLAY: a recorded answer scored again with today's scorers and expected answers, without asking a server.
// The default task's output is rebuilt from the record (its text, finish reason, reasoning); an eval's own task's
// output is what the record kept of it (`output`). Requests a scorer makes itself (a judge) still go to the dispatcher,
// which in a replay answers them from the response cache only.

/** Score one recorded case again; a failure becomes an `error` record naming the case, never an exception. */
export async function replayEvalCase<Item, Output>(
  definition: EvalDefinition<Item, Output>,
  item: Item,
  recorded: CaseRecord,
  runtime: CaseRuntime,
  signal: AbortSignal,
): Promise<CaseRecord> {
  const ledger = new CaseLedger();
  const client = withLedger(runtime.client, ledger);
  const base = {
    runId: runtime.run.runId,
    simulation: recorded.simulation,
    dataset: definition.name,
    variant: definition.variant ?? 'default',
    caseId: recorded.caseId,
    prompt: recorded.prompt,
    response: recorded.response,
    replayOf: recorded.runId,
    ...(recorded.output !== undefined ? { output: recorded.output } : {}),
    ...(recorded.reasoning ? { reasoning: recorded.reasoning } : {}),
  };
  const facts = () => ({ usage: recorded.usage, timing: ledger.timing(), quality: recorded.quality });
  try {
    const output = recordedOutput(definition, recorded) as Output;
    const expected = definition.expected ? definition.expected(item) : defaultExpected(item);
    const response = recorded.response ?? '';
    const scored = await scoreOutput(definition.scorers, { item, output: withoutReasoning(output), response, expected, signal, client });
    return { ...base, expected: formatExpected(expected), ...scored, detail: { ...detailOf(output), ...scored.detail }, ...facts() };
  } catch (error) {
    return { ...base, expected: '', extracted: {}, scores: {}, verdict: 'error', error: describeError(error), ...facts() };
  }
}

// What the task returned when the case was recorded.
function recordedOutput<Item, Output>(definition: EvalDefinition<Item, Output>, recorded: CaseRecord): unknown {
  if (recorded.output !== undefined) return recorded.output;
  if (definition.task) {
    throw new ReplayError(
      `Case ${recorded.caseId} of ${recorded.dataset}/${recorded.variant} cannot be replayed: run ${recorded.runId} recorded only its answer's text, ` +
        "and this eval's own `task` returns more for its scorers. Run it against a server (without EVAL_REPLAY); runs recorded from now on keep the task's output.",
    );
  }
  const detail = recorded.detail ?? {};
  const { promptTokens, completionTokens } = recorded.usage;
  // Scorers never see the reasoning (as when the case was asked): it stays in the record only.
  return {
    text: recorded.response ?? '',
    reasoning: null,
    // The default task sends no tools; an eval that does has its own task, whose output the record keeps.
    toolCalls: [],
    finishReason: typeof detail.finishReason === 'string' ? detail.finishReason : null,
    usage: promptTokens === null || completionTokens === null ? null : { promptTokens, completionTokens },
    overLength: recorded.quality.overLength > 0,
    capped: null,
    tries: 1,
    ttftMs: null,
    latencyMs: 0,
  };
}

/** What a case record keeps of a task's output: its JSON, or nothing when it has none. */
export function keptOutput(output: unknown): { output?: unknown } {
  try {
    const text = JSON.stringify(output);
    return text === undefined ? {} : { output: JSON.parse(text) };
  } catch {
    return {};
  }
}
