import type http from 'node:http';
import type { BenchPoint, BenchRequestDetail, Slo } from '../shared/records/benchmark.ts';
import { outcomeOf, summarizeRepeat, tpotOf } from './measure.ts';
import { describeLoad, type PlannedPoint } from './plan.ts';
import { runLoad } from './run-load.ts';
import { takeRequests, type PreparedWorkload } from './workloads.ts';

// Measure one load point of one workload `repeats` times; every repeat sends other prompts of the workload.

/** Where and how to measure. */
export interface PointContext {
  upstreams: readonly string[];
  apiKey: string | null;
  agent: http.Agent;
  repeats: number;
  slo: Slo;
  seed: number;
  timeoutMs: number;
}

// The point with its repeats, and every measured request for the details file.
export async function measurePoint(
  prepared: PreparedWorkload,
  planned: PlannedPoint,
  context: PointContext,
): Promise<{ point: BenchPoint; details: BenchRequestDetail[] }> {
  const { workload, bodies } = prepared;
  const point: BenchPoint = {
    workload: workload.name,
    load: planned.load,
    requests: planned.requests,
    warmups: planned.warmups,
    repeats: [],
  };
  const details: BenchRequestDetail[] = [];
  for (let repeat = 0; repeat < context.repeats; repeat++) {
    const offset = repeat * (planned.requests + planned.warmups);
    const result = await runLoad({
      upstreams: context.upstreams,
      apiKey: context.apiKey,
      load: planned.load,
      warmups: takeRequests(bodies, offset, planned.warmups),
      requests: takeRequests(bodies, offset + planned.warmups, planned.requests),
      timeoutMs: context.timeoutMs,
      seed: context.seed + repeat,
      agent: context.agent,
    });
    point.repeats.push(
      summarizeRepeat(result.samples, {
        durationMs: result.durationMs,
        outputTokens: workload.outputTokens,
        slo: context.slo,
        peakConcurrency: result.peakConcurrency,
        eventLoopUtilization: result.eventLoopUtilization,
        sendLagMs: result.sendLagMs,
      }),
    );
    for (const sample of result.samples) {
      details.push({
        workload: workload.name,
        load: describeLoad(planned.load),
        repeat,
        outcome: outcomeOf(sample, workload.outputTokens),
        ttftMs: sample.ttftMs,
        tpotMs: sample.ttftMs === null ? null : tpotOf(sample),
        e2elMs: sample.e2elMs,
        promptTokens: sample.promptTokens,
        outputTokens: sample.outputTokens,
        error: sample.error,
      });
    }
  }
  return { point, details };
}
