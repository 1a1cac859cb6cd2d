import { createEvalClient, type EvalClient, type SamplingParams } from './client/chat.ts';
import type { RunContext, ServerContext } from './context.ts';

// The client and sampling every suite of a worker shares (one SDK instance, keep-alive to the dispatcher).
let cached: { client: EvalClient; key: string } | undefined;

export function getEvalClient(server: ServerContext, run: RunContext): EvalClient {
  const key = `${server.baseUrl}|${server.model}`;
  if (cached?.key !== key) {
    cached = {
      key,
      client: createEvalClient({
        baseUrl: server.baseUrl,
        model: server.model,
        apiKey: server.apiKey,
        maxRetries: run.client.maxRetries,
        timeoutMs: run.client.requestTimeoutMs,
      }),
    };
  }
  return cached.client;
}

export function getSampling(run: RunContext): SamplingParams {
  return { ...run.sampling };
}
