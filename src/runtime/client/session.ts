// crypto.hash: one call, about half the CPU of a Hash object for short texts (Node 20.12+).
import { hash } from 'node:crypto';
import { SESSION_HEADER } from '../../shared/transport/headers.ts';
import type { EvalClient } from './chat.ts';

// Session affinity for routers: every request a case makes (each turn, each retry, its agent loop) carries one
// stable `x-session-id`, derived from the run, the dataset and the case, so it is the same on a resumed try too.

/** A case's session id: the same for the same run, dataset key and case id. */
export function caseSessionId(runId: string, datasetKey: string, caseId: string): string {
  return `qe-${hash('sha256', `${runId}\0${datasetKey}\0${caseId}`).slice(0, 24)}`;
}

/** A client whose every chat and completion carries `x-session-id: sessionId`. */
export function withSession<C extends Pick<EvalClient, 'chat' | 'complete'>>(client: C, sessionId: string): C {
  const headers = (own?: Record<string, string>) => ({ ...own, [SESSION_HEADER]: sessionId });
  return {
    ...client,
    chat: (messages, sampling, signal, request) =>
      client.chat(messages, sampling, signal, { ...request, headers: headers(request?.headers) }),
    complete: (prompt, options) => client.complete(prompt, { ...options, headers: headers(options.headers) }),
  };
}
