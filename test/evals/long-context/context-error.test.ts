import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { generateCases } from '../../../src/evals/long-context/generate.ts';
import { longContextEvals } from '../../../src/evals/long-context/suite.ts';
import { startDispatcher } from '../../../src/node/server/dispatcher.ts';
import { findFreePort } from '../../../src/node/server/free-port.ts';
import { launchServer } from '../../../src/node/server/launch-server.ts';
import { createEvalClient } from '../../../src/runtime/client/chat.ts';
import { runEvalCase } from '../../../src/runtime/define-eval.ts';
import type { RunContext, ServerStatus } from '../../../src/shared/context.ts';
import { buildDatasetResult } from '../../../src/shared/records/dataset-result.ts';
import { simulatorBin } from '../../helpers/processes.ts';

const MODEL = 'Qwen/Qwen2.5-7B-Instruct';
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  while (closers.length) await closers.pop()!();
});

test("a prompt longer than the server's context is that case's error, with vLLM's message, counted as too long", async () => {
  const port = await findFreePort();
  const server = await launchServer({
    bin: simulatorBin,
    args: ['serve', MODEL, '--port', String(port), '--max-model-len', '8192'],
    baseUrl: `http://127.0.0.1:${port}`,
    logFile: join(mkdtempSync(join(tmpdir(), 'long-context-')), 'vllm.log'),
    readinessTimeoutMs: 20_000,
    shutdownGraceMs: 3_000,
  });
  closers.push(server.stop);
  const dispatcher = await startDispatcher({
    upstreams: [`http://127.0.0.1:${port}`],
    inFlightLimit: 4,
    timeouts: { headersTimeoutMs: 10_000, idleTimeoutMs: 10_000, requestTimeoutMs: 20_000 },
  });
  closers.push(dispatcher.close);
  const client = createEvalClient({ baseUrl: dispatcher.baseUrl, model: MODEL, maxRetries: 2 });
  const [definition] = longContextEvals({ variants: { long_context: ['16k'] } });
  const [item] = generateCases({ length: '16k', count: 1 });
  const runtime = {
    run: { runId: 'run-1' } as RunContext,
    server: { simulation: null } as ServerStatus,
    client,
    sampling: { temperature: 0, topP: 1, seed: 0, maxTokens: 128 },
  };

  const record = await runEvalCase(definition!, item!, item!.id, runtime, new AbortController().signal);

  expect(record.verdict).toBe('error');
  expect(record.error).toMatchObject({ kind: 'context-length' });
  expect(record.error!.message).toContain("This model's maximum context length is 8192 tokens. However, you requested 128 output tokens");
  expect(record.timing.requests).toBe(1);
  expect(record.prompt).toContain(item!.question);
  const suite = {
    dataset: 'long_context',
    variant: '16k',
    label: '',
    primaryMetric: 'score',
    metricSpecs: [],
    pins: [],
    promptHash: '',
    datasetSize: 1,
    selected: 1,
    judge: null,
  };
  expect(buildDatasetResult(suite, [record]).quality.contextLength).toBe(1);
});
