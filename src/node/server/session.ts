import { resolve } from 'node:path';
import type { ServerStatus } from '../../shared/context.ts';
import { NoServerError } from '../../shared/errors.ts';
import type { EvalConfig } from '../../shared/config/schema.ts';
import { buildServeArgs, type ProjectSettings } from '../settings.ts';
import { prepareSimulation } from '../simulation/prepare-simulation.ts';
import { checkExternalServer } from './check-external-server.ts';
import { findExecutable } from './find-executable.ts';
import { findFreePort } from './free-port.ts';
import { acquireGpus, releaseGpus, type GpuHolder } from './gpu-lease.ts';
import { publishServerStatus, selectedFiles } from './session-registry.ts';
import { requiredContext, selectedBuiltins } from '../../evals/registry.ts';
import { cliFileFilters } from '../plugin/cli-file-filters.ts';
import { decideYarn } from './yarn.ts';
import { describeExit, launchServer, type LaunchedServer } from './launch-server.ts';
import { digestFile } from './digest-file.ts';
import { KernelLogScanner, uncheckedKernel } from './quantization-kernel.ts';
import type { ReplicaPlan } from './replica-plan.ts';
import { ServerMetricsSampler } from '../metrics/sampler.ts';
import type { ServerMetrics } from '../../shared/records/server-metrics.ts';

// The server side of one model project: the server the evals talk to, launched when its turn on the GPUs comes
// (right away for the first project, when asked for the others), or a running server given by EVAL_BASE_URL.

/** What a session needs to know. */
export interface SessionOptions {
  settings: ProjectSettings;
  config: Pick<EvalConfig, 'evals' | 'code'>;
  runId: string;
  resultsDir: string;
  datasetBaseUrl: string | null;
  /** `EVAL_SIMULATE` mode; the simulated vLLM is launched, scripted from the datasets. */
  simulate: string | null;
  /** Loads a built-in folder's `simulate` module by path (Vitest's `project.import`). @default the runtime's `import()` */
  importModule?: (path: string) => Promise<unknown>;
  /** Called with the upstream URLs each time the server behind the dispatcher changes. */
  onUpstreams: (urls: string[]) => void;
  log: (line: string) => void;
}

/** Simulator counters captured before its server stops (the run record reads them after the run). */
export type SimulatorStats = Record<string, unknown>;

export class ServerSession {
  readonly #options: SessionOptions;
  readonly #holder: GpuHolder;
  #status: Promise<ServerStatus> | null = null;
  #last: ServerStatus | null = null;
  #servers: LaunchedServer[] = [];
  #simulation: Promise<{ bin: string; env: Record<string, string> }> | null = null;
  #simStats: SimulatorStats | null = null;
  #sampler: ServerMetricsSampler | null = null;
  /** The sampler's summary, captured when its server stopped before the run ended. */
  #metrics: ServerMetrics | null = null;

  constructor(options: SessionOptions) {
    this.#options = options;
    this.#holder = { project: options.settings.modelKey, gpus: options.settings.model.gpus ?? null, stop: () => this.stopServer() };
  }

  /** True when the harness launches the server (no EVAL_BASE_URL, or EVAL_SIMULATE). */
  get launches(): boolean {
    return this.#options.simulate !== null || this.#options.settings.baseUrls === null;
  }

  /** The server's status, launching it first when needed; concurrent callers share one launch. */
  status(): Promise<ServerStatus> {
    if (!this.#status) {
      this.#status = this.launches ? acquireGpus(this.#holder, () => this.#launch()) : this.#checkExternal();
      this.#status.then(
        (status) => {
          this.#last = status;
          publishServerStatus(this.#options.settings.modelKey, status);
          this.#startSampler(status);
        },
        () => {},
      );
      this.#status.catch(() => {
        this.#status = null;
        releaseGpus(this.#holder);
      });
    }
    return this.#status;
  }

  /** The last status the server had, without launching anything; null when no server ran. */
  lastStatus(): ServerStatus | null {
    return this.#last;
  }

  /** Why a launched server can no longer answer (it died), with its last log lines; null while every one can. */
  fatalReason(): string | null {
    const server = this.#servers.find((s) => s.exited());
    const exit = server?.exited();
    if (!server || !exit) return null;
    const tail = server
      .logTail()
      .slice(-15)
      .map((l) => `  ${l}`)
      .join('\n');
    return `vLLM server \`${server.command.join(' ')}\` (pid ${server.pid}) died mid-run (${describeExit(exit)}). Full log: ${server.logFile}\nLast server log lines:\n${tail}`;
  }

  /** The launched simulator's counters (live while it runs, else as captured when it stopped). */
  async simulatorStats(reset: boolean): Promise<SimulatorStats | null> {
    const status = this.#servers[0] && !this.#servers[0].exited() ? await this.#status : null;
    if (status?.simulation != null) {
      const url = status.upstreams[0]!;
      const stats = await readJson(`${url}/_sim/stats`);
      if (reset)
        await fetch(`${url}/_sim/reset-stats`, { method: 'POST' })
          .then((r) => r.body?.cancel())
          .catch(() => {});
      if (stats) return stats;
    }
    const captured = this.#simStats;
    if (reset) this.#simStats = null;
    return captured;
  }

  /** sha256 of the simulated vLLM's script (`EVAL_SIMULATE`): what its answers depend on; null for a real server. */
  async simulationDigest(): Promise<string | null> {
    const simulation = this.#simulation ? await this.#simulation : null;
    return simulation ? digestFile(simulation.env.VLLM_SIM_SCRIPT!) : null;
  }

  /** What the servers' /metrics and nvidia-smi said over the run so far (live while sampling); `reset` starts a new run. */
  async serverMetrics(reset: boolean): Promise<ServerMetrics | null> {
    if (this.#sampler) return this.#sampler.summary(reset);
    const captured = this.#metrics;
    if (reset) this.#metrics = null;
    return captured;
  }

  /** Stop the launched servers (another project's turn on the GPUs, or teardown); the session can launch again. */
  async stopServer(): Promise<void> {
    await this.#stopSampler();
    const servers = this.#servers;
    if (servers.length === 0) return;
    const status = await this.#status?.catch(() => null);
    if (status?.simulation != null && !servers[0]!.exited())
      this.#simStats = (await readJson(`${status.upstreams[0]}/_sim/stats`)) ?? this.#simStats;
    this.#servers = [];
    this.#status = null;
    await Promise.all(servers.map((server) => server.stop()));
    releaseGpus(this.#holder);
  }

  // Sample the server(s) for as long as they run; a relaunch gets a new sampler.
  #startSampler(status: ServerStatus): void {
    if (this.#sampler) return;
    const { settings } = this.#options;
    this.#sampler = new ServerMetricsSampler({
      urls: status.upstreams,
      intervalMs: settings.server.metricsIntervalMs,
      // A data-parallel server runs that many engines of max-num-seqs slots behind its port.
      slotsPerReplica: settings.preset.maxNumSeqs * settings.parallel.dataParallelSize,
      apiKey: settings.apiKey,
    });
    this.#sampler.start();
  }

  async #stopSampler(): Promise<void> {
    const sampler = this.#sampler;
    if (!sampler) return;
    this.#sampler = null;
    sampler.stop();
    this.#metrics = await sampler.summary(false).catch(() => this.#metrics);
  }

  async #launch(): Promise<ServerStatus> {
    const { settings } = this.#options;
    const simulation = this.#options.simulate ? await this.#prepareSimulation(this.#options.simulate) : null;
    const bin = simulation?.bin ?? settings.server.bin;
    if (!findExecutable(bin)) throw noServer(bin);
    const needs = { contextTokens: this.#contextTokens() };
    const yarn = decideYarn(settings.model, settings.preset, needs.contextTokens);
    if (yarn.enabled || yarn.reason !== 'not needed') this.#options.log(`YaRN ${yarn.enabled ? 'on' : 'off'}: ${yarn.reason}`);
    const kernels = settings.replicas.map(() => new KernelLogScanner());
    const launches = await Promise.allSettled(
      settings.replicas.map((plan, i) => this.#launchReplica(bin, plan, simulation?.env ?? {}, kernels[i]!, needs)),
    );
    const servers = launches.flatMap((l) => (l.status === 'fulfilled' ? [l.value] : []));
    const failed = launches.find((l): l is PromiseRejectedResult => l.status === 'rejected');
    this.#servers = servers.map((s) => s.server);
    if (failed) {
      await Promise.all(servers.map((s) => s.server.stop()));
      this.#servers = [];
      throw failed.reason;
    }
    const urls = servers.map((s) => s.baseUrl);
    const first = servers[0]!;
    this.#options.onUpstreams(urls);
    for (const { server } of servers)
      this.#options.log(`launched ${server.command.join(' ')} (pid ${server.pid})${simulatedNote(first.simulation)}`);
    const kernel = kernels[0]!.result(settings.model.id);
    if (kernel.slow) this.#options.log(`WARN ${kernel.message}`);
    const logs = servers.map((s) => s.server.logFile).join(', ');
    return {
      upstreams: urls,
      label:
        servers.length === 1
          ? `${urls[0]} (vLLM launched by the harness, log ${logs})`
          : `${urls.join(', ')} (${servers.length} vLLM replicas launched by the harness, logs ${logs})`,
      launched: true,
      command: first.server.command,
      vllmVersion: first.vllmVersion,
      logFile: first.server.logFile,
      maxNumSeqs: settings.preset.maxNumSeqs,
      simulation: first.simulation,
      quantizationKernel: kernel,
      maxModelLen: minOrNull(servers.map((s) => s.maxModelLen)),
    };
  }

  // One `vllm serve` on its own port and GPUs, its log read for the quantization kernel as it starts.
  async #launchReplica(
    bin: string,
    plan: ReplicaPlan,
    simEnv: Record<string, string>,
    kernel: KernelLogScanner,
    needs: { contextTokens: number },
  ) {
    const { settings, resultsDir, runId } = this.#options;
    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const name = settings.replicas.length === 1 ? `${runId}.vllm.log` : `${runId}.replica-${plan.index}.vllm.log`;
    const server = await launchServer({
      bin,
      args: buildServeArgs(settings, port, needs),
      baseUrl,
      logFile: resolve(resultsDir, 'logs', name),
      readinessTimeoutMs: settings.server.readinessTimeoutMs,
      shutdownGraceMs: settings.server.shutdownGraceMs,
      env: { ...simEnv, ...(plan.gpus ? { CUDA_VISIBLE_DEVICES: plan.gpus.join(',') } : {}) },
      onOutput: (chunk) => kernel.push(chunk),
    });
    const info = await checkExternalServer(baseUrl, settings.model.id, null).catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
    return { server, baseUrl, vllmVersion: info.vllmVersion, simulation: info.simulation, maxModelLen: info.maxModelLen };
  }

  async #checkExternal(): Promise<ServerStatus> {
    const { settings } = this.#options;
    const urls = settings.baseUrls!;
    const infos = await Promise.all(urls.map((url) => checkExternalServer(url, settings.model.id, settings.apiKey)));
    this.#options.onUpstreams(urls);
    const served = infos.map((i) => i.maxModelLen).filter((n): n is number => n !== null);
    const maxModelLen = served.length ? Math.min(...served) : null;
    const needed = this.#contextTokens();
    if (maxModelLen !== null && needed > maxModelLen) {
      this.#options.log(
        `warning: the selected datasets need ${needed} tokens of context but ${urls.join(', ')} serves ${maxModelLen}; longer prompts will fail per case as too long (start the server with RoPE scaling, e.g. YaRN; see the README)`,
      );
    }
    return {
      upstreams: urls,
      label: urls.length === 1 ? `${urls[0]} (EVAL_BASE_URL)` : `${urls.join(', ')} (EVAL_BASE_URL replicas)`,
      launched: false,
      command: null,
      vllmVersion: infos.find((i) => i.vllmVersion)?.vllmVersion ?? null,
      logFile: null,
      maxNumSeqs: settings.preset.maxNumSeqs,
      simulation: infos.find((i) => i.simulation)?.simulation ?? null,
      quantizationKernel: uncheckedKernel(urls.length === 1 ? `the server at ${urls[0]}` : `the servers at ${urls.join(', ')}`),
      maxModelLen,
    };
  }

  // Longest context the selected built-in suites need with their variants.
  #contextTokens(): number {
    const { settings, config } = this.#options;
    const names = selectedBuiltinNames(settings.modelKey, config.evals);
    return requiredContext(selectedBuiltins({ builtins: names }), settings.variants);
  }

  // The script is built once per session, for the built-in evals this run selected, then reused by every launch.
  #prepareSimulation(mode: string) {
    const { settings, config, resultsDir, runId, datasetBaseUrl } = this.#options;
    this.#simulation ??= prepareSimulation({
      mode: mode as never,
      resultsDir,
      runId,
      source: { datasetBaseUrl },
      limit: settings.limit,
      evals: { builtins: selectedBuiltinNames(settings.modelKey, config.evals) },
      variants: settings.variants,
      code: settings.code,
      ...(this.#options.importModule ? { importModule: this.#options.importModule } : {}),
    });
    return this.#simulation;
  }
}

// The built-ins whose eval file this run selected (a filter such as `gsm8k` selects one); all when not known.
function selectedBuiltinNames(project: string, evals: Pick<EvalConfig, 'evals'>['evals']): 'all' | string[] {
  const files = selectedFiles(project);
  const builtins = selectedBuiltins(evals, cliFileFilters());
  if (files === null) return builtins.map((d) => d.name);
  return builtins.filter((d) => files.some((file) => file.includes(`/evals/${d.folder}/${d.folder}.eval.`))).map((d) => d.name);
}

// The smallest context any replica serves; null when none said.
function minOrNull(values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((n): n is number => n !== null);
  return known.length ? Math.min(...known) : null;
}

function simulatedNote(simulation: string | null): string {
  return simulation ? ` [SIMULATED vLLM, ${simulation}: answers are scripted, not a model]` : '';
}

function noServer(bin: string): NoServerError {
  return new NoServerError(
    `No inference server: \`${bin}\` is not on PATH and EVAL_BASE_URL is not set.\n` +
      '  - On a GPU machine: `pip install vllm` (v0.21), or set EVAL_VLLM_BIN to its path.\n' +
      '  - With a server already running: EVAL_BASE_URL=http://host:8000/v1 (comma-separate replicas).\n' +
      '  - Without a GPU: EVAL_SIMULATE=gold runs the suites against the simulated vLLM (results labelled simulated).',
  );
}

async function readJson(url: string): Promise<SimulatorStats | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return response.ok ? ((await response.json()) as SimulatorStats) : null;
  } catch {
    return null;
  }
}
