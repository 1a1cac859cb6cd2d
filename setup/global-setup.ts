import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import config from '../qwen-evals.config.ts';
import { parseEvalEnv } from '../src/config/env.ts';
import { parseEvalConfig } from '../src/config/load.ts';
import { buildServeArgs, resolveProjectSettings } from '../src/config/resolve.ts';
import type { RunContext, ServerContext } from '../src/context.ts';
import { ConfigError, NoServerError } from '../src/errors.ts';
import { makeRunId } from '../src/history/run-id.ts';
import { checkExternalServer } from './check-external-server.ts';
import { startDispatcher } from './dispatcher.ts';
import { findExecutable } from './find-executable.ts';
import { findFreePort } from './free-port.ts';
import { describeExit, launchServer, type LaunchedServer } from './launch-server.ts';
import { prepareSimulation } from './prepare-simulation.ts';
import { startMirrorIfAsked } from './start-mirror.ts';

// Per-model-project global setup (main process): start or check the server, start the dispatcher,
// provide primitives to the suites, and stop everything on teardown.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = parseEvalEnv();
  const settings = resolveProjectSettings(parseEvalConfig(config), env, project.name);
  const startedAt = new Date();
  const runId = makeRunId({ project: settings.modelKey, preset: settings.presetName, startedAt });
  const resultsDir = resolve(project.config.root, settings.resultsDir);
  const resumeFrom = resolveResume(env.EVAL_RESUME, resultsDir);
  const cleanups: Array<() => Promise<void>> = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };

  try {
    const mirror = await startMirrorIfAsked(env.EVAL_DATASET_MIRROR);
    if (mirror) cleanups.push(mirror.close);
    const datasetBaseUrl = mirror?.baseUrl ?? process.env.EVAL_DATASET_BASE_URL ?? null;

    let upstreams: string[];
    let server: LaunchedServer | null = null;
    let vllmVersion: string | null = null;
    let simulated = false;
    if (settings.baseUrls && !env.EVAL_SIMULATE) {
      upstreams = settings.baseUrls;
      for (const url of upstreams) {
        const info = await checkExternalServer(url, settings.model.id, settings.apiKey);
        vllmVersion ??= info.vllmVersion;
        simulated ||= info.simulated;
      }
    } else {
      const simulation = env.EVAL_SIMULATE
        ? await prepareSimulation({ mode: env.EVAL_SIMULATE, resultsDir, runId, datasetBaseUrl, limit: settings.limit })
        : null;
      const bin = simulation?.bin ?? settings.server.bin;
      if (!findExecutable(bin)) throw noServer(bin);
      const port = await findFreePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      server = await launchServer({
        bin,
        args: buildServeArgs(settings, port),
        baseUrl,
        logFile: resolve(resultsDir, 'logs', `${runId}.vllm.log`),
        readinessTimeoutMs: settings.server.readinessTimeoutMs,
        shutdownGraceMs: settings.server.shutdownGraceMs,
        env: simulation?.env ?? {},
      });
      cleanups.push(() => server!.stop());
      upstreams = [baseUrl];
      const info = await checkExternalServer(baseUrl, settings.model.id, null);
      vllmVersion = info.vllmVersion;
      simulated = info.simulated;
    }

    const launched = server;
    const dispatcher = await startDispatcher({
      upstreams,
      inFlightLimit: settings.inFlightLimit,
      timeouts: settings.client,
      fatalReason: () => {
        const exit = launched?.exited();
        if (!launched || !exit) return null;
        return `vLLM server \`${launched.command.join(' ')}\` (pid ${launched.pid}) died mid-run (${describeExit(exit)}). Full log: ${launched.logFile}\nLast server log lines:\n${launched.logTail().slice(-15).map((l) => `  ${l}`).join('\n')}`;
      },
    });
    cleanups.push(dispatcher.close);

    const serverContext: ServerContext = {
      baseUrl: dispatcher.baseUrl,
      upstreams,
      model: settings.model.id,
      launched: server !== null,
      simulated,
      command: server?.command ?? null,
      vllmVersion,
      logFile: server?.logFile ?? null,
      maxNumSeqs: settings.preset.maxNumSeqs,
      inFlightLimit: settings.inFlightLimit,
      apiKey: settings.apiKey,
    };
    const runContext: RunContext = {
      runId,
      startedAt: startedAt.toISOString(),
      resultsDir,
      modelKey: settings.modelKey,
      modelId: settings.model.id,
      revision: settings.model.revision ?? null,
      quantization: settings.model.quantization ?? null,
      preset: settings.presetName,
      limit: settings.limit,
      thresholds: settings.thresholds,
      sampling: settings.sampling,
      variants: settings.variants,
      code: settings.code,
      client: {
        maxRetries: settings.client.maxRetries,
        requestTimeoutMs: settings.client.requestTimeoutMs,
        idleTimeoutMs: settings.client.idleTimeoutMs,
        headersTimeoutMs: settings.client.headersTimeoutMs,
      },
      datasetBaseUrl,
      judge: settings.judge,
      resumeFrom,
    };
    project.provide('evalServer', serverContext);
    project.provide('evalRun', runContext);
    const label = simulated ? ' [SIMULATED vLLM: answers are scripted, not a model]' : '';
    console.log(`[qwen-evals] run ${runId}${resumeFrom ? ` (resuming ${resumeFrom})` : ''}: ${settings.model.id}, preset ${settings.presetName}, ${server ? `launched ${server.command.join(' ')}` : `using ${upstreams.join(', ')}`}, in-flight limit ${settings.inFlightLimit}${label}`);
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}

function noServer(bin: string): NoServerError {
  return new NoServerError(
    `No inference server: \`${bin}\` is not on PATH and EVAL_BASE_URL is not set.\n` +
      '  - On a GPU machine: `pip install vllm` (v0.21), or set EVAL_VLLM_BIN to its path.\n' +
      '  - With a server already running: EVAL_BASE_URL=http://host:8000 (comma-separate replicas).\n' +
      '  - Without a GPU: EVAL_SIMULATE=gold runs the suites against the simulated vLLM (results labelled simulated).',
  );
}

// EVAL_RESUME names a run id or a cases file; it must exist.
function resolveResume(value: string | undefined, resultsDir: string): string | null {
  if (!value) return null;
  const file = value.endsWith('.jsonl') ? resolve(value) : join(resultsDir, 'cases', `${value}.jsonl`);
  if (!existsSync(file)) {
    throw new ConfigError(`\`EVAL_RESUME\` is "${value}", expected a run id with case records under ${join(resultsDir, 'cases')} or a path to a cases .jsonl file; ${file} does not exist.`);
  }
  return file;
}
