import type { EvalClient, SamplingParams } from './client/chat.ts';
import { createJudgeClient } from './client/judge-client.ts';
import type { RunContext, ServerContext } from './context.ts';

/** Who grades judged suites, and how. */
export interface Judge {
  model: string;
  /** Named in the suite meta: the judge endpoint, or the evaluated server's upstream(s). */
  baseUrl: string;
  client: Pick<EvalClient, 'chat'>;
  sampling: SamplingParams;
  /** True when the evaluated server judges itself through the dispatcher: its requests count with the case's. */
  sameServer: boolean;
}

// The configured judge: an external OpenAI-compatible endpoint, or the evaluated server and model.
export function getJudge(server: ServerContext, run: RunContext, evalClient: EvalClient): Judge {
  const config = run.judge;
  const sampling: SamplingParams = { temperature: config.temperature, topP: 1, seed: run.sampling.seed, maxTokens: config.maxTokens };
  if (config.baseUrl !== null && config.model !== null) {
    const client = createJudgeClient({
      baseUrl: config.baseUrl,
      model: config.model,
      apiKey: config.apiKey,
      maxRetries: run.client.maxRetries,
      timeoutMs: run.client.requestTimeoutMs,
    });
    return { model: config.model, baseUrl: config.baseUrl, client, sampling, sameServer: false };
  }
  // Routed through the dispatcher (server.baseUrl) so judge requests share the in-flight limit.
  return { model: server.model, baseUrl: server.upstreams.join(', '), client: evalClient, sampling, sameServer: true };
}
