import { createHash } from 'node:crypto';
import http from 'node:http';
import { afterAll, describe, test, type TaskMeta } from 'vitest';
import { getServerStatus, injectRunContext } from '../runtime/context.ts';
import type { BenchmarkConfig } from '../shared/config/benchmark.ts';
import { BenchmarkError } from '../shared/errors.ts';
import type { BenchmarkHeader, BenchPoint, BenchRequestDetail, Slo } from '../shared/records/benchmark.ts';
import { spreadOf } from '../shared/stats/spread.ts';
import { measurePoint, type PointContext } from './measure-point.ts';
import { AUTO_RATE_SHARES, concurrencyPoint, concurrencySweep, describeLoad, ratePoint, type PlannedPoint } from './plan.ts';
import { benchmarkRunsAlone } from './selection.ts';
import { readSimulatedTiming, streamIntervalOf } from './sim-timing.ts';
import { prepareWorkload, type PreparedWorkload } from './workloads.ts';

// The serving benchmark as a suite of the model project: one test per workload and load point, run one after
// another against the project's server (its preset), each point repeated. Results travel in task meta to the eval
// reporter, which writes them into the run record's `benchmarks` part.

declare module 'vitest' {
  interface TaskMeta {
    /** The benchmark's header (suite meta of the benchmark describe). */
    evalBenchmark?: BenchmarkHeader;
    /** One measured load point (meta of its test). */
    evalBenchmarkPoint?: BenchPoint;
    /** Every request the point measured, for the details file. */
    evalBenchmarkRequests?: BenchRequestDetail[];
    /** The benchmark was not selected alone: its one skipped test is not a result. */
    evalBenchmarkPlaceholder?: boolean;
  }
}

/** The command that runs the benchmark for a model project. */
export function benchmarkCommand(project: string): string {
  return `pnpm vitest run --project ${project} throughput`;
}

// Register the benchmark's tests (the eval file's one call).
export function defineThroughputBenchmark(): void {
  const meta: TaskMeta = {};
  describe('throughput benchmark', { meta }, async () => {
    const run = injectRunContext();
    if (!(await benchmarkRunsAlone(run))) {
      meta.evalBenchmarkPlaceholder = true;
      test.skip(`not selected: the benchmark runs alone, with \`${benchmarkCommand(run.project)}\``, () => {});
      return;
    }
    const config = run.benchmark;
    const server = await getServerStatus(run);
    const simulatedTiming = server.simulation !== null ? await readSimulatedTiming(server.upstreams[0]!) : null;
    const workloads = await Promise.all(config.workloads.map((w, i) => prepareWorkload(w, run, config.seed + i)));
    const slo: Slo = { ttftMs: config.slo.ttftMs ?? null, tpotMs: config.slo.tpotMs ?? null, e2elMs: config.slo.e2elMs ?? null };
    const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
    afterAll(() => agent.destroy());
    const context: PointContext = {
      upstreams: server.upstreams,
      apiKey: run.apiKey,
      agent,
      repeats: config.repeats,
      slo,
      seed: config.seed,
      timeoutMs: config.requestTimeoutMs,
    };
    const sweep = concurrencySweep(config, server.maxNumSeqs * server.upstreams.length);
    for (const prepared of workloads) registerWorkload(prepared, sweep, config, context);

    const streamInterval = streamIntervalOf(server, simulatedTiming);
    const definition = { config: { ...config, requestTimeoutMs: undefined }, slo, streamInterval, timing: timingKey(simulatedTiming) };
    meta.evalBenchmark = {
      maxNumSeqs: server.maxNumSeqs,
      replicas: server.upstreams.length,
      streamInterval,
      simulatedTiming,
      slo,
      seed: config.seed,
      definitionHash: createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 16),
      workloads: workloads.map((w) => w.workload),
    };
  });
}

// The sweep, then the rate points (automatic ones at shares of the request throughput at the sweep's top).
function registerWorkload(prepared: PreparedWorkload, sweep: number[], config: BenchmarkConfig, context: PointContext): void {
  const name = prepared.workload.name;
  let saturated: number | null = null;
  for (const concurrency of sweep) {
    const planned = concurrencyPoint(config, concurrency);
    registerPoint(
      `${name} ${describeLoad(planned.load)}`,
      prepared,
      () => planned,
      context,
      (point) => {
        if (concurrency === sweep.at(-1)) saturated = spreadOf(point.repeats.map((r) => r.requestThroughput))?.median ?? null;
      },
    );
  }
  if (config.rates === 'auto') {
    for (const share of AUTO_RATE_SHARES) {
      registerPoint(
        `${name} Poisson rate at ${share * 100}% of the saturated request throughput`,
        prepared,
        () => (saturated && saturated > 0 ? ratePoint(config, saturated * share, 1, null) : null),
        context,
      );
    }
    return;
  }
  for (const rate of config.rates) {
    const planned = ratePoint(config, rate.requestRate, rate.burstiness, rate.maxConcurrency ?? null);
    registerPoint(`${name} ${describeLoad(planned.load)}`, prepared, () => planned, context);
  }
}

function registerPoint(
  title: string,
  prepared: PreparedWorkload,
  plan: () => PlannedPoint | null,
  context: PointContext,
  onMeasured?: (point: BenchPoint) => void,
): void {
  test(title, { concurrent: false }, async (ctx) => {
    const planned = plan();
    if (!planned) return ctx.skip('the concurrency sweep measured no saturated throughput to base the rate on');
    const { point, details } = await measurePoint(prepared, planned, context);
    ctx.task.meta.evalBenchmarkPoint = point;
    ctx.task.meta.evalBenchmarkRequests = details;
    onMeasured?.(point);
    const failed = point.repeats.reduce((n, r) => n + r.failed, 0);
    const incomplete = point.repeats.reduce((n, r) => n + r.incomplete, 0);
    if (failed + incomplete > 0) {
      const first = point.repeats.find((r) => r.firstError)?.firstError ?? 'unknown';
      throw new BenchmarkError(
        `${title}: ${failed} failed and ${incomplete} incomplete of ${point.requests * point.repeats.length} requests (recorded); first problem: ${first}`,
      );
    }
  });
}

// Only what changes timing: the slot count differs per preset and is compared, not matched.
function timingKey(timing: BenchmarkHeader['simulatedTiming']) {
  if (!timing) return null;
  const { maxNumSeqs: _slots, ...rest } = timing;
  return rest;
}
