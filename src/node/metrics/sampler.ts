import type { ServerMetrics } from '../../shared/records/server-metrics.ts';
import { httpGet } from '../../shared/transport/http-get.ts';
import { readGpus } from './gpu.ts';
import { parsePrometheusText } from './prometheus.ts';
import { summarizeServerMetrics, type MetricsSample } from './summarize.ts';
import { readVllmSnapshot, type VllmSnapshot } from './vllm-series.ts';

// Samples every replica's /metrics and nvidia-smi at a fixed interval while a server session lives (main process),
// and summarises the samples of each run.

/** Options of a sampler. */
export interface SamplerOptions {
  /** Replica base URLs (no trailing `/v1`). */
  urls: readonly string[];
  /** @unit milliseconds */
  intervalMs: number;
  /** The preset's `--max-num-seqs`, per replica. */
  slotsPerReplica: number;
  apiKey?: string | null;
  /** nvidia-smi to run; null = do not sample GPUs. @default 'nvidia-smi' */
  gpuCommand?: string | null;
}

const SCRAPE_TIMEOUT_MS = 5_000;

export class ServerMetricsSampler {
  readonly #options: SamplerOptions;
  #samples: MetricsSample[] = [];
  #timer: NodeJS.Timeout | null = null;
  #pending: Promise<void> | null = null;

  constructor(options: SamplerOptions) {
    this.#options = options;
  }

  /** Take a first sample now, then one every interval (an interval whose scrape is still running is skipped). */
  start(): void {
    if (this.#timer) return;
    void this.sampleNow();
    this.#timer = setInterval(() => {
      if (!this.#pending) void this.sampleNow();
    }, this.#options.intervalMs);
    this.#timer.unref();
  }

  /** Take one sample of every replica and the GPUs. */
  async sampleNow(): Promise<void> {
    const run = async () => {
      const t = Date.now();
      const gpuCommand = this.#options.gpuCommand === undefined ? 'nvidia-smi' : this.#options.gpuCommand;
      const [replicas, gpus] = await Promise.all([
        Promise.all(this.#options.urls.map((url) => scrape(url, this.#options.apiKey ?? null))),
        gpuCommand === null ? Promise.resolve(null) : readGpus(gpuCommand),
      ]);
      this.#samples.push({ t, replicas, gpus });
    };
    // Concurrent callers wait for the sample in flight instead of racing it.
    while (this.#pending) await this.#pending;
    this.#pending = run().finally(() => {
      this.#pending = null;
    });
    await this.#pending;
  }

  /** The summary of the samples so far (a fresh sample first); `reset` keeps only that sample for the next run. */
  async summary(reset: boolean): Promise<ServerMetrics | null> {
    await this.sampleNow();
    const summary = summarizeServerMetrics(this.#samples, {
      urls: this.#options.urls,
      intervalMs: this.#options.intervalMs,
      slotsPerReplica: this.#options.slotsPerReplica,
    });
    if (reset) this.#samples = this.#samples.slice(-1);
    return summary;
  }

  /** Stop sampling (the server is going away). */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

async function scrape(url: string, apiKey: string | null): Promise<VllmSnapshot | null> {
  try {
    // httpGet, not fetch(): the first scrape comes as the workers start (src/shared/transport/http-get.ts says why).
    const response = await httpGet(`${url}/metrics`, {
      timeoutMs: SCRAPE_TIMEOUT_MS,
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
    });
    if (!response.ok) return null;
    return readVllmSnapshot(parsePrometheusText(response.text));
  } catch {
    return null;
  }
}
