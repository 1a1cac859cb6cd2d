import { HarnessError, ScorerError } from '../shared/errors.ts';
import type { Verdict } from '../shared/records/case-record.ts';
import type { MetricSpec } from '../shared/records/metric.ts';
import { metricsOf, runScorer, type AnyScorer, type MultiScoreResult } from '../scorers/scorer.ts';
import type { EvalClient } from './client/chat.ts';

// From a task's output to a case record's scoring fields: every scorer run on the answer, the primary one deciding
// the verdict. Shared by a case asked of the server and a case replayed from a recorded answer.

/** Everything the scorers produce for a case record. */
export interface ScoredFields {
  extracted: Record<string, string | null>;
  scores: Record<string, number | null>;
  /** Ratio metrics: how many units (e.g. instructions) each score is a share of. */
  units?: Record<string, number>;
  verdict: Verdict;
  detail: Record<string, unknown>;
}

// Run every scorer; a scorer that throws is a harness bug (ScorerError), never a model failure.
export async function scoreOutput<Item, Output>(
  scorers: AnyScorer<Item, Output>[],
  input: { item: Item; output: Output; response: string; expected: unknown; signal: AbortSignal; client: EvalClient },
): Promise<ScoredFields> {
  const fields: ScoredFields = { extracted: {}, scores: {}, verdict: 'graded', detail: {} };
  for (const [index, scorer] of scorers.entries()) {
    const name = 'metrics' in scorer ? scorer.metrics.map((m) => m.name).join('/') : scorer.name;
    let result: Awaited<ReturnType<typeof runScorer>>;
    try {
      result = await runScorer(scorer, input);
    } catch (error) {
      if (error instanceof HarnessError) throw error;
      throw new ScorerError(`Scorer "${name}" threw on this case: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    }
    Object.assign(fields.scores, result.scores);
    if (result.units) fields.units = { ...fields.units, ...result.units };
    checkUnits(name, metricsOf(scorer), result);
    Object.assign(fields.extracted, result.extracted ?? {});
    Object.assign(fields.detail, result.detail ?? {});
    if (index === 0) fields.verdict = result.verdict ?? verdictOf(metricsOf(scorer)[0]!, result.scores, result.extracted);
  }
  return fields;
}

// A ratio metric's score is a share of the case's units; without the count the pooled value would be wrong.
function checkUnits(name: string, metrics: MetricSpec[], result: MultiScoreResult): void {
  for (const metric of metrics) {
    if (metric.kind !== 'ratio' || result.scores[metric.name] === null || result.scores[metric.name] === undefined) continue;
    const units = result.units?.[metric.name];
    if (!(Number.isInteger(units) && units! > 0)) {
      throw new ScorerError(
        `Scorer "${name}" reported ratio metric "${metric.name}" without its units: expected a positive integer count (\`units\`), received ${JSON.stringify(units)}.`,
      );
    }
  }
}

// Verdict of the primary metric: proportion 1 = correct, 0 = wrong, nothing extracted = unparseable; graded otherwise.
export function verdictOf(
  primary: MetricSpec,
  scores: Record<string, number | null>,
  extracted: Record<string, string | null> | undefined,
): Verdict {
  const score = scores[primary.name];
  if (score === null || score === undefined || extracted?.[primary.name] === null) return 'unparseable';
  if (primary.kind === 'mean') return 'graded';
  // A ratio case is correct only when every unit passed.
  if (primary.kind === 'ratio') return score === 1 ? 'correct' : 'wrong';
  return score >= 0.5 ? 'correct' : 'wrong';
}

// The answer as text: a string output, else its `text`, else its JSON.
export function textOf(output: unknown): string {
  if (typeof output === 'string') return output;
  const text = (output as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : JSON.stringify(output);
}

// The finish reason and whatever detail a task returned travel into the case record.
export function detailOf(output: unknown): Record<string, unknown> {
  if (typeof output !== 'object' || output === null) return {};
  const { finishReason, detail } = output as { finishReason?: unknown; detail?: unknown };
  return {
    ...(finishReason !== undefined ? { finishReason } : {}),
    ...(typeof detail === 'object' && detail !== null ? detail : {}),
  };
}

// `item.expected`, else `item.answer`, else null.
export function defaultExpected(item: unknown): unknown {
  if (typeof item !== 'object' || item === null) return null;
  const { expected, answer } = item as { expected?: unknown; answer?: unknown };
  return expected ?? answer ?? null;
}

// The expected answer as the case record keeps it.
export function formatExpected(expected: unknown): string {
  if (expected === null || expected === undefined) return '';
  return typeof expected === 'string' ? expected : JSON.stringify(expected);
}

// Scorers see the answer only: a chat result's reasoning is recorded, never scored.
export function withoutReasoning<Output>(output: Output): Output {
  if (typeof output !== 'object' || output === null || !('reasoning' in output) || output.reasoning === null) return output;
  return { ...output, reasoning: null };
}
