import type { BenchRepeat, Slo } from '../shared/records/benchmark.ts';
import { distributionOf } from '../shared/stats/percentiles.ts';
import type { RequestSample } from './stream-request.ts';

// A repeat's numbers from its request samples, with `vllm bench serve`'s definitions (shared/vllm/bench.md, section 3).

/** What a repeat measured besides the samples. */
export interface RepeatContext {
  /** First release to the last request's end. @unit milliseconds */
  durationMs: number;
  /** Output length each request asked for with `ignore_eos`; fewer tokens = incomplete. */
  outputTokens: number;
  slo: Slo;
  peakConcurrency: number;
  eventLoopUtilization: number;
  sendLagMs: number[];
}

/** How one request ended. */
export type RequestOutcome = 'completed' | 'failed' | 'incomplete';

// Completed: content and the whole requested length with a finish reason; failed: an error or no content at all.
export function outcomeOf(sample: RequestSample, outputTokens: number): RequestOutcome {
  if (sample.ttftMs === null) return 'failed';
  if (sample.error !== null || sample.finishReason === null) return 'incomplete';
  if (sample.outputTokens === null || sample.outputTokens < outputTokens) return 'incomplete';
  return 'completed';
}

/** TPOT of a request: decode time per token after the first; 0 for single-token answers (as goodput counts them). */
export function tpotOf(sample: RequestSample): number {
  const tokens = sample.outputTokens ?? 0;
  if (tokens <= 1 || sample.e2elMs === null || sample.ttftMs === null) return 0;
  return (sample.e2elMs - sample.ttftMs) / (tokens - 1);
}

/** True when a completed request met every SLO given. */
export function meetsSlo(sample: RequestSample, slo: Slo): boolean {
  return latenciesMeetSlo({ ttftMs: sample.ttftMs, tpotMs: tpotOf(sample), e2elMs: sample.e2elMs }, slo);
}

/** True when each latency is within its SLO (DistServe's goodput definition); a missing latency never is. */
export function latenciesMeetSlo(latencies: { ttftMs: number | null; tpotMs: number | null; e2elMs: number | null }, slo: Slo): boolean {
  const within = (value: number | null, limit: number | null) => limit === null || (value !== null && value <= limit);
  return within(latencies.ttftMs, slo.ttftMs) && within(latencies.tpotMs, slo.tpotMs) && within(latencies.e2elMs, slo.e2elMs);
}

/** Requests per second meeting every SLO; null when no SLO is set. */
export function goodputOf(samples: readonly RequestSample[], slo: Slo, durationMs: number, outputTokens: number): number | null {
  if (slo.ttftMs === null && slo.tpotMs === null && slo.e2elMs === null) return null;
  if (durationMs <= 0) return 0;
  const good = samples.filter((s) => outcomeOf(s, outputTokens) === 'completed' && meetsSlo(s, slo)).length;
  return (good * 1000) / durationMs;
}

// Aggregate one repeat; only completed requests enter the latencies and throughputs.
export function summarizeRepeat(samples: readonly RequestSample[], context: RepeatContext): BenchRepeat {
  const completed = samples.filter((s) => outcomeOf(s, context.outputTokens) === 'completed');
  const failed = samples.filter((s) => outcomeOf(s, context.outputTokens) === 'failed');
  const incomplete = samples.length - completed.length - failed.length;
  const seconds = context.durationMs / 1000;
  const perSecond = (n: number) => (seconds > 0 ? n / seconds : 0);
  let inputTokens = 0;
  let outputTokens = 0;
  for (const s of completed) {
    inputTokens += s.promptTokens ?? 0;
    outputTokens += s.outputTokens ?? 0;
  }
  const firstError = samples.find((s) => s.error !== null || outcomeOf(s, context.outputTokens) !== 'completed');
  return {
    completed: completed.length,
    failed: failed.length,
    incomplete,
    durationMs: context.durationMs,
    inputTokens,
    outputTokens,
    requestThroughput: perSecond(completed.length),
    outputThroughput: perSecond(outputTokens),
    totalTokenThroughput: perSecond(inputTokens + outputTokens),
    goodput: goodputOf(samples, context.slo, context.durationMs, context.outputTokens),
    peakConcurrency: context.peakConcurrency,
    ttftMs: distributionOf(completed.map((s) => s.ttftMs!)),
    tpotMs: distributionOf(completed.filter((s) => (s.outputTokens ?? 0) > 1).map(tpotOf)),
    itlMs: distributionOf(completed.flatMap((s) => s.itlMs)),
    e2elMs: distributionOf(completed.map((s) => s.e2elMs!)),
    client: { eventLoopUtilization: context.eventLoopUtilization, sendLagMs: distributionOf(context.sendLagMs) },
    firstError: firstError ? describeProblem(firstError, context.outputTokens) : null,
  };
}

function describeProblem(sample: RequestSample, outputTokens: number): string {
  if (sample.error !== null) return sample.error;
  if (sample.finishReason === null) return 'the stream ended without a finish reason';
  if (sample.outputTokens === null) return 'the stream carried no usage (completion_tokens)';
  return `${sample.outputTokens} output tokens instead of ${outputTokens} (is ignore_eos honoured?)`;
}
