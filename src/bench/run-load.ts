import http from 'node:http';
import type { BenchLoad } from '../shared/records/benchmark.ts';
import { gammaGaps } from './arrivals.ts';
import { sendStreamingRequest, type RequestSample } from './stream-request.ts';

// The load generator: releases requests as a closed loop of N clients or at gamma-distributed arrival times, each
// to the least-loaded replica, straight to the server (no dispatcher hop, no SDK). Warm-up requests go first and
// are not measured.

/** A request of a workload: endpoint path and JSON body. */
export interface WorkloadRequest {
  path: string;
  body: string;
}

/** One load point's run. */
export interface LoadRun {
  upstreams: readonly string[];
  apiKey: string | null;
  load: BenchLoad;
  /** Measured requests, in release order. */
  requests: readonly WorkloadRequest[];
  /** Sent first, at the point's concurrency, not measured. */
  warmups: readonly WorkloadRequest[];
  timeoutMs: number;
  /** Seed of the arrival gaps (rate points). */
  seed: number;
  agent?: http.Agent;
}

/** What a load point measured. */
export interface LoadResult {
  samples: RequestSample[];
  durationMs: number;
  peakConcurrency: number;
  /** The generator thread's event-loop utilisation over the measured phase, 0..1. */
  eventLoopUtilization: number;
  /** How late each request left: after its planned arrival, or after its client's previous request ended. */
  sendLagMs: number[];
}

// Run a load point: warm-ups, then the measured requests.
export async function runLoad(run: LoadRun): Promise<LoadResult> {
  const agent = run.agent ?? new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  try {
    const sender = createSender(run, agent);
    const width = run.load.kind === 'concurrency' ? run.load.concurrency : (run.load.maxConcurrency ?? 8);
    if (run.warmups.length > 0) await closedLoop(sender, run.warmups, Math.min(width, run.warmups.length));
    sender.resetPeak();
    const elu = performance.eventLoopUtilization();
    const started = performance.now();
    const measured =
      run.load.kind === 'concurrency'
        ? await closedLoop(sender, run.requests, run.load.concurrency)
        : await openLoop(sender, run.requests, run.load, run.seed);
    const durationMs = Math.max(0, ...measured.samples.map((s) => s.endMs)) - started;
    return {
      samples: measured.samples,
      durationMs,
      peakConcurrency: sender.peak(),
      eventLoopUtilization: performance.eventLoopUtilization(elu).utilization,
      sendLagMs: measured.lags,
    };
  } finally {
    if (!run.agent) agent.destroy();
  }
}

interface Sender {
  send(request: WorkloadRequest): Promise<RequestSample>;
  peak(): number;
  resetPeak(): void;
}

// Least-loaded replica per request; counts requests in flight.
function createSender(run: LoadRun, agent: http.Agent): Sender {
  const inFlight = run.upstreams.map(() => 0);
  let total = 0;
  let peak = 0;
  return {
    async send(request) {
      let replica = 0;
      for (let i = 1; i < inFlight.length; i++) if (inFlight[i]! < inFlight[replica]!) replica = i;
      inFlight[replica]! += 1;
      total += 1;
      peak = Math.max(peak, total);
      try {
        return await sendStreamingRequest({
          baseUrl: run.upstreams[replica]!,
          path: request.path,
          body: request.body,
          apiKey: run.apiKey,
          agent,
          timeoutMs: run.timeoutMs,
        });
      } finally {
        inFlight[replica]! -= 1;
        total -= 1;
      }
    },
    peak: () => peak,
    resetPeak: () => {
      peak = total;
    },
  };
}

// `width` clients, each sending its next request the moment its previous one ends (`--max-concurrency`, rate inf).
async function closedLoop(sender: Sender, requests: readonly WorkloadRequest[], width: number) {
  const samples: RequestSample[] = new Array(requests.length);
  const lags: number[] = [];
  let next = 0;
  const client = async () => {
    let freedAt: number | null = null;
    while (next < requests.length) {
      const index = next++;
      if (freedAt !== null) lags.push(performance.now() - freedAt);
      const sample = await sender.send(requests[index]!);
      samples[index] = sample;
      freedAt = performance.now();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, width) }, client));
  return { samples, lags };
}

// Requests released at planned times (gamma gaps from t = 0), optionally capped in flight.
async function openLoop(sender: Sender, requests: readonly WorkloadRequest[], load: Extract<BenchLoad, { kind: 'rate' }>, seed: number) {
  const gaps = gammaGaps(requests.length, load.requestRate, load.burstiness, seed);
  const start = performance.now();
  const samples: RequestSample[] = new Array(requests.length);
  const lags: number[] = [];
  const pending: Promise<void>[] = [];
  const cap = load.maxConcurrency ?? Number.POSITIVE_INFINITY;
  let inFlight = 0;
  const slotFreed: Array<() => void> = [];
  let planned = 0;
  for (let i = 0; i < requests.length; i++) {
    // The first request leaves at once, as vLLM releases its first request at t = 0.
    if (i > 0) planned += gaps[i]!;
    const wait = start + planned - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    let due = start + planned;
    if (inFlight >= cap) {
      await new Promise<void>((resolve) => slotFreed.push(resolve));
      due = Math.max(due, performance.now());
    }
    lags.push(Math.max(0, performance.now() - due));
    inFlight += 1;
    pending.push(
      sender.send(requests[i]!).then((sample) => {
        samples[i] = sample;
        inFlight -= 1;
        slotFreed.shift()?.();
      }),
    );
  }
  await Promise.all(pending);
  return { samples, lags };
}
