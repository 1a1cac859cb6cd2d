import type { RunContext } from '../shared/context.ts';
import { createEvalClient, type EvalClient } from './client/chat.ts';

// The client every eval of a worker shares: one SDK instance with keep-alive to the run's dispatcher.
let cached: { client: EvalClient; key: string } | undefined;

export function getEvalClient(run: Pick<RunContext, 'dispatcherUrl' | 'model' | 'apiKey' | 'client'>): EvalClient {
  const key = `${run.dispatcherUrl}|${run.model.id}`;
  if (cached?.key !== key) {
    cached = {
      key,
      client: createEvalClient({
        baseUrl: run.dispatcherUrl,
        model: run.model.id,
        apiKey: run.apiKey,
        maxRetries: run.client.maxRetries,
        timeoutMs: run.client.requestTimeoutMs,
        idleTimeoutMs: run.client.idleTimeoutMs,
        headersTimeoutMs: run.client.headersTimeoutMs,
        thinking: run.model.reasoning?.thinking ?? null,
        leases: true,
      }),
    };
  }
  return cached.client;
}
