import { inject } from 'vitest';
import { ConfigError, RecordError, ServerError } from '../shared/errors.ts';
import { formatZodIssues } from '../shared/format-zod-issues.ts';
import { httpGet } from '../shared/transport/http-get.ts';
import { GateHistorySchema, RunContextSchema, ServerStatusSchema, type RunContext } from '../shared/context.ts';

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

/**
 * The server behind the run's dispatcher. Asking launches it when its turn on the GPU has come (several model
 * projects in one invocation run one at a time), so the first call may wait for the server to become ready.
 */
export const getServerStatus = askedOncePerDispatcher(async (dispatcherUrl) => {
  const body = await fetchControl(
    dispatcherUrl,
    '/_eval/server',
    (message) => new ServerError('EVAL_SERVER_START_FAILED', dispatcherUrl, message),
  );
  return ServerStatusSchema.parse(body);
});

/** The baseline plan and unstable cases the gates of this run read, from the main process. */
export const getGateHistory = askedOncePerDispatcher(async (dispatcherUrl) => {
  const body = await fetchControl(
    dispatcherUrl,
    '/_eval/history',
    (message) => new RecordError(`Cannot read the run history for the gates: ${message}`),
  );
  return GateHistorySchema.parse(body);
});

// Ask the main process once per worker and dispatcher; a failed answer is asked again next time.
function askedOncePerDispatcher<T>(ask: (dispatcherUrl: string) => Promise<T>): (run: Pick<RunContext, 'dispatcherUrl'>) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return ({ dispatcherUrl }) => {
    let answer = answers.get(dispatcherUrl);
    if (!answer) {
      answer = ask(dispatcherUrl);
      answers.set(dispatcherUrl, answer);
      answer.catch(() => answers.delete(dispatcherUrl));
    }
    return answer;
  };
}

// A control route of the dispatcher's JSON body; an error status becomes `fail(its message)`.
async function fetchControl(dispatcherUrl: string, route: string, fail: (message: string) => Error): Promise<unknown> {
  const response = await httpGet(`${dispatcherUrl}${route}`);
  const body = JSON.parse(response.text) as unknown;
  if (response.ok) return body;
  throw fail((body as { error?: { message?: string } })?.error?.message ?? `HTTP ${response.status}`);
}
