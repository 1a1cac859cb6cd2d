import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { parseEvalEnv } from '../../shared/config/env.ts';
import type { EvalConfig } from '../../shared/config/schema.ts';
import type { GateHistory, RunContext } from '../../shared/context.ts';
import { ConfigError } from '../../shared/errors.ts';
import { harnessVersion } from '../../shared/package-root.ts';
import { startMirrorIfAsked } from '../datasets/start-mirror.ts';
import { planBaseline } from '../history/baseline.ts';
import { resolveReplay, type ResolvedReplay } from '../history/replay-source.ts';
import { checkResumeMatches, resolveResume, type ResumeTarget } from '../history/resume-source.ts';
import { makeRunId } from '../history/run-id.ts';
import { readUnstableCases } from '../history/unstable-history.ts';
import { ensureResultsDir } from '../results-dir.ts';
import { readProvidedConfig } from '../plugin/provided-config.ts';
import { resolveProjectSettings, type ProjectSettings } from '../settings.ts';
import { startDispatcher } from './dispatcher.ts';
import { gpusOverlap } from './gpu-lease.ts';
import { ReplaySession } from './replay-session.ts';
import { openRunCache, type RunCache } from './response-cache/open-run-cache.ts';
import { ServerSession } from './session.ts';
import { selectedFiles } from './session-registry.ts';
import { noteSetupError } from './setup-errors.ts';

// Per-model-project global setup (main process): check what can be checked before anything starts, plan the
// baseline, open the response cache, start the dispatcher, start (or check) the server when it is this project's turn
// on the GPUs (none in a replay), and hand the workers their run context. Teardown stops everything it started.

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = readProvidedConfig(project);
  const env = parseEvalEnv();
  const settings = resolveProjectSettings(config, env, project.name);
  const resultsDir = resolve(project.config.root, settings.resultsDir);
  ensureResultsDir(resultsDir);
  const startedAt = new Date();
  const runId = makeRunId({ project: settings.modelKey, preset: settings.presetName, startedAt });
  const resume = await resolveResume(env.EVAL_RESUME, resultsDir);
  const resumeFrom = resume?.casesFile ?? null;
  if (resume && env.EVAL_REPLAY) {
    throw new ConfigError(
      '`EVAL_RESUME` and `EVAL_REPLAY` are both set: resuming asks the server for the missing cases, replaying asks no server; unset one of them.',
    );
  }
  const resumeTarget: ResumeTarget = {
    modelId: settings.model.id,
    preset: settings.presetName,
    sampling: settings.sampling,
    reasoning: settings.reasoning,
    // Known before any server starts only when EVAL_SIMULATE launches the simulated vLLM; any other server (a `vllm`
    // of the user's may itself be a simulator) says what it is when first asked, and is checked then.
    simulation: settings.baseUrls === null && env.EVAL_SIMULATE ? env.EVAL_SIMULATE : undefined,
  };
  if (resume) checkResumeMatches(resume, resumeTarget);
  const replay = await resolveReplay(env.EVAL_REPLAY, resultsDir, { key: settings.modelKey, id: settings.model.id });
  const log = (line: string) => console.log(`[qwen-evals] ${line}`);
  const cleanups: Array<() => Promise<void>> = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };

  try {
    const mirror = await startMirrorIfAsked(env.EVAL_DATASET_MIRROR);
    if (mirror) cleanups.push(mirror.close);
    const datasetBaseUrl = mirror?.baseUrl ?? env.EVAL_DATASET_BASE_URL ?? null;
    const simulate = env.EVAL_SIMULATE ?? null;

    let dispatcherRef: Awaited<ReturnType<typeof startDispatcher>> | undefined;
    let gateHistory: Promise<GateHistory> | undefined;
    const session = replay
      ? new ReplaySession(replay.record, resultsDir)
      : new ServerSession({
          settings,
          config,
          runId,
          resultsDir,
          datasetBaseUrl,
          simulate,
          // The simulate modules are TypeScript when run from source; the main process itself was loaded natively.
          importModule: (path) => project.import(path),
          onUpstreams: (urls) => dispatcherRef?.setUpstreams(urls),
          log,
        });
    const cache = await openRunCache({ env, watch: project.vitest.config.watch, replay: replay !== null, resultsDir, session });
    const dispatcher = await startDispatcher({
      upstreams: [],
      inFlightLimit: settings.inFlightLimit,
      timeouts: settings.client,
      fatalReason: () => session.fatalReason(),
      control: {
        status: () => session.status(),
        lastStatus: () => session.lastStatus(),
        simulatorStats: (reset) => session.simulatorStats(reset),
        serverMetrics: (reset) => session.serverMetrics(reset),
        selectedFiles: () => selectedFiles(settings.modelKey),
        history: () => gateHistory ?? Promise.reject(new Error('the history is read once the server has started')),
      },
      ...(cache.cache ? { cache: cache.cache } : {}),
      offline: replay ? replayOffline(replay) : null,
    });
    dispatcherRef = dispatcher;
    cleanups.push(dispatcher.close);
    cleanups.push(() => session.stopServer());

    const order = serverOrder(project, config);
    if (order.length > 1 && order[0] === settings.modelKey) {
      log(
        `${order.length} model projects share the GPUs, so their servers run one at a time, in this order: ${order.join(', ')} (set \`models.<key>.gpus\` to run models on separate GPUs at once)`,
      );
    }
    // The first project in line starts its server now, so a server that cannot start is the first and only error;
    // the others start theirs when their tests ask for it, after the previous server has stopped.
    const startsNow = !session.launches || order[0] === settings.modelKey;
    // The history the gates read (baseline, unstable cases) is read while the server starts and the workers ask
    // their cases, and handed to them when their gates ask (`GET /_eval/history`): a long history (1,000 runs: ~0.5 s
    // of CPU) never holds back the first request. It is read for the simulation mode a launch will report, again in
    // the rare case the server says otherwise (a user's own `vllm` that is a simulator). Runs of another simulation
    // mode (or real ones) never serve as baselines; when the mode is not known yet (a server launched later), each
    // suite's gate checks it against the server it got.
    const readHistory = async (simulation: string | null | undefined): Promise<GateHistory> => ({
      baseline: await planBaseline({
        resultsDir,
        project: settings.modelKey,
        preset: settings.presetName,
        simulation,
        reasoning: settings.reasoning,
        branch: config.gates.baselineBranch,
        excludeRunId: runId,
      }),
      unstable: await readUnstableCases(resultsDir, settings.modelKey, simulation ?? null),
    });
    // A baseline the user names (`EVAL_BASELINE`) is read before any case runs, and before a launch when there is
    // one: a wrong path is a configuration error, not a failed gate.
    const namedBaseline = env.EVAL_BASELINE !== undefined;
    const predicted = session.launches && startsNow ? (simulate ?? null) : undefined;
    const early = predicted === undefined ? null : readHistory(predicted);
    early?.catch(() => {}); // a server that fails to start is the error to report; the gates report this one
    if (early && namedBaseline) await early;
    const status = startsNow ? await session.status() : null;
    const simulation = status ? status.simulation : (simulate ?? undefined);
    if (resume && status && resumeTarget.simulation === undefined)
      checkResumeMatches(resume, { ...resumeTarget, simulation: status.simulation });
    gateHistory = early && simulation === predicted ? early : readHistory(simulation);
    gateHistory.catch(() => {}); // the gates report it
    if (namedBaseline) await gateHistory;

    const run: RunContext = {
      runId,
      startedAt: startedAt.toISOString(),
      resultsDir,
      project: settings.modelKey,
      model: {
        key: settings.modelKey,
        id: settings.model.id,
        revision: settings.model.revision ?? null,
        quantization: settings.model.quantization ?? null,
        reasoning: settings.reasoning,
      },
      preset: settings.presetName,
      limit: settings.limit,
      shard: project.vitest.config.shard ? { index: project.vitest.config.shard.index, count: project.vitest.config.shard.count } : null,
      sampling: settings.sampling,
      variants: settings.variants,
      toolCallParser: settings.toolCallParser,
      code: settings.code,
      client: settings.client,
      judge: settings.judge,
      thresholds: settings.thresholds,
      gates: { minEffect: config.gates.minEffect, alpha: config.gates.alpha, onIncomparable: config.gates.onIncomparable },
      resumeFrom,
      replay: replay?.source ?? null,
      datasetBaseUrl,
      harnessVersion: harnessVersion(),
      dispatcherUrl: dispatcher.baseUrl,
      apiKey: settings.apiKey,
      inFlightLimit: settings.inFlightLimit,
      benchmark: config.benchmark,
    };
    project.provide('evalRun', run);
    log(describeStart(run, settings, session.launches, resumeFrom));
    const cacheLine = describeCache(cache);
    if (cacheLine) log(cacheLine);
    return teardown;
  } catch (error) {
    await teardown();
    if (error instanceof Error) noteSetupError(error);
    throw error;
  }
}

// Model projects of this invocation sharing this project's GPUs, in config order: the order their servers run in.
function serverOrder(project: TestProject, config: EvalConfig): string[] {
  const selected = new Set(project.vitest.projects.map((p) => p.name));
  const mine = config.models[project.name]?.gpus ?? null;
  return Object.entries(config.models)
    .filter(([key, model]) => selected.has(key) && gpusOverlap(mine, model.gpus ?? null))
    .map(([key]) => key);
}

function describeStart(run: RunContext, settings: ProjectSettings, launches: boolean, resumeFrom: string | null): string {
  const server = run.replay
    ? `no server: scoring the recorded answers of run ${run.replay.runId} again`
    : launches
      ? 'launching vLLM'
      : `using ${settings.baseUrls!.join(', ')}`;
  const resume = resumeFrom ? ` (resuming ${resumeFrom})` : '';
  const shard = run.shard ? ` (shard ${run.shard.index}/${run.shard.count}: one case in ${run.shard.count} of each dataset)` : '';
  const reasoning = run.model.reasoning;
  const thinking = reasoning ? `, thinking ${reasoning.thinking ? 'on' : 'off'} (--reasoning-parser ${reasoning.parser})` : '';
  return `run ${run.runId}${resume}${shard}: ${run.model.id}${thinking}, preset ${run.preset}, ${server}, in-flight limit ${run.inFlightLimit}`;
}

// The response cache's start line; none when it is off by default (a plain run), to keep CI logs short.
function describeCache({ policy, dir }: RunCache): string | null {
  if (policy.mode === 'off') return policy.reason.startsWith('EVAL_CACHE') ? `response cache off (${policy.reason})` : null;
  return `response cache ${policy.mode} (${policy.reason}) in ${dir}`;
}

// What a replay's dispatcher answers to a request its cache does not hold.
function replayOffline(replay: ResolvedReplay): string {
  return (
    `EVAL_REPLAY=${replay.source.runId} runs no server, and this request has no answer in the response cache. A replay scores ` +
    'recorded answers again; requests the scorers make themselves (a self-judging LLM judge) are answered only from the cache. ' +
    'Set EVAL_JUDGE_BASE_URL for an external judge, or run without EVAL_REPLAY.'
  );
}
