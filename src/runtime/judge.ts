import type { RunContext, ServerStatus } from '../shared/context.ts';
import type { JudgeInfo } from '../shared/records/suite-meta.ts';
import type { Sampling } from '../shared/sampling.ts';
import type { EvalClient } from './client/chat.ts';
import { createJudgeClient } from './client/judge-client.ts';

/** Who grades judged evals, and how. */
export interface Judge {
  /** Recorded with the suite: judges differ, so do their scores. */
  info: JudgeInfo;
  /** An external judge's own client; null = the model under test judges itself through the case's client (counted with the case). */
  client: Pick<EvalClient, 'chat'> | null;
  sampling: Sampling;
}

/**
 * The configured judge: an external OpenAI-compatible endpoint (`judge.baseUrl` + `judge.model`, or
 * `EVAL_JUDGE_BASE_URL` + `EVAL_JUDGE_MODEL`), else the model under test grading itself. Against the simulated
 * vLLM the simulator's script plays the judge.
 */
export function createJudge(run: RunContext, server: ServerStatus): Judge {
  const config = run.judge;
  const sampling: Sampling = { temperature: config.temperature, topP: 1, seed: run.sampling.seed, maxTokens: config.maxTokens };
  if (config.baseUrl !== null && config.model !== null) {
    const client = createJudgeClient({
      baseUrl: config.baseUrl,
      model: config.model,
      apiKey: config.apiKey,
      maxRetries: run.client.maxRetries,
      timeoutMs: run.client.requestTimeoutMs,
    });
    return { info: { model: config.model, baseUrl: config.baseUrl, source: 'external' }, client, sampling };
  }
  const source = server.simulation === null ? 'self' : 'scripted';
  return { info: { model: run.model.id, baseUrl: server.upstreams.join(', '), source }, client: null, sampling };
}
