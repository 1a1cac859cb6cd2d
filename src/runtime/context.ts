import { inject } from 'vitest';
import { ConfigError, RecordError, ServerError } from '../shared/errors.ts';
import { formatZodIssues } from '../shared/format-zod-issues.ts';
import {
  type GateHistory,
  GateHistorySchema,
  RunContextSchema,
  ServerStatusSchema,
  type RunContext,
  type ServerStatus,
} from '../shared/context.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** The run a model project records; provided by its global setup (src/node/server/global-setup.ts). */
    evalRun: RunContext;
  }
}

let cachedRun: RunContext | undefined;

// inject() returns undefined for keys never provided despite its type: fail with the fix instead, and check the shape.
export function injectRunContext(): RunContext {
  if (cachedRun) return cachedRun;
  const value: unknown = inject('evalRun');
  if (value === undefined) {
    throw new ConfigError(
      'This eval file ran outside a model project, so there is no server to ask. Run evals through a model project ' +
        'created by `withEvals()` in vitest.config.ts, e.g. `pnpm vitest run --project qwen3_8b`.',
    );
  }
  const parsed = RunContextSchema.safeParse(value);
  if (!parsed.success) {
    throw new ConfigError(`The provided \`evalRun\` context is malformed (a harness bug):\n${formatZodIssues(parsed.error)}`);
  }
  cachedRun = parsed.data;
  return cachedRun;
}

const statusByDispatcher = new Map<string, Promise<ServerStatus>>();

/**
 * The server behind the run's dispatcher. Asking launches it when its turn on the GPU has come (several model
 * projects in one invocation run one at a time), so the first call may wait for the server to become ready.
 */
export function getServerStatus(run: Pick<RunContext, 'dispatcherUrl'>): Promise<ServerStatus> {
  let status = statusByDispatcher.get(run.dispatcherUrl);
  if (!status) {
    status = fetchServerStatus(run.dispatcherUrl);
    statusByDispatcher.set(run.dispatcherUrl, status);
    status.catch(() => statusByDispatcher.delete(run.dispatcherUrl));
  }
  return status;
}

async function fetchServerStatus(dispatcherUrl: string): Promise<ServerStatus> {
  const body = await fetchControl(
    dispatcherUrl,
    '/_eval/server',
    (message) => new ServerError('EVAL_SERVER_START_FAILED', dispatcherUrl, message),
  );
  return ServerStatusSchema.parse(body);
}

const historyByDispatcher = new Map<string, Promise<GateHistory>>();

/** The baseline plan and unstable cases the gates of this run read, from the main process (asked once per worker). */
export function getGateHistory(run: Pick<RunContext, 'dispatcherUrl'>): Promise<GateHistory> {
  let history = historyByDispatcher.get(run.dispatcherUrl);
  if (!history) {
    history = fetchControl(
      run.dispatcherUrl,
      '/_eval/history',
      (message) => new RecordError(`Cannot read the run history for the gates: ${message}`),
    ).then((body) => GateHistorySchema.parse(body));
    historyByDispatcher.set(run.dispatcherUrl, history);
    history.catch(() => historyByDispatcher.delete(run.dispatcherUrl));
  }
  return history;
}

// A control route of the dispatcher's JSON body; an error status becomes `fail(its message)`.
async function fetchControl(dispatcherUrl: string, route: string, fail: (message: string) => Error): Promise<unknown> {
  const response = await fetch(`${dispatcherUrl}${route}`);
  const body = (await response.json()) as unknown;
  if (!response.ok) {
    const message = (body as { error?: { message?: string } })?.error?.message ?? `HTTP ${response.status}`;
    throw fail(message);
  }
  return body;
}
