import { join } from 'node:path';
import type { EvalEnv } from '../../../shared/config/env.ts';
import type { ServerStatus } from '../../../shared/context.ts';
import type { CacheServerFacts } from './cache-key.ts';
import { resolveCachePolicy, type CachePolicy } from './cache-policy.ts';
import type { DispatcherCache } from './response-cache.ts';

/** Size limit of the response cache when `EVAL_CACHE_MAX_MB` is unset. @unit MiB */
export const DEFAULT_CACHE_MAX_MB = 1024;

/** Folder of the response cache inside the results folder. */
export const RESPONSE_CACHE_DIR = join('cache', 'responses');

/** The server side a run's cache keys depend on. */
export interface CacheServerSource {
  status(): Promise<ServerStatus>;
  simulationDigest(): Promise<string | null>;
}

/** The run's cache (undefined when off), its policy and folder. */
export interface RunCache {
  cache: DispatcherCache | undefined;
  policy: CachePolicy;
  dir: string;
}

// Open the response cache of a model project's run, keyed by the server its session talks to. The cache's modules load
// only when it is on: a plain run (cache off) asks its first case sooner.
export async function openRunCache(options: {
  env: Pick<EvalEnv, 'EVAL_CACHE' | 'EVAL_CACHE_MAX_MB'>;
  watch: boolean;
  replay: boolean;
  resultsDir: string;
  session: CacheServerSource;
}): Promise<RunCache> {
  const policy = resolveCachePolicy(options.env.EVAL_CACHE, { watch: options.watch, replay: options.replay });
  const dir = join(options.resultsDir, RESPONSE_CACHE_DIR);
  if (policy.mode === 'off') return { cache: undefined, policy, dir };
  const [{ cacheServerFacts }, { openResponseCache }] = await Promise.all([import('./cache-key.ts'), import('./response-cache.ts')]);
  let known: { status: ServerStatus; facts: CacheServerFacts } | undefined;
  const server = async (): Promise<CacheServerFacts> => {
    const status = await options.session.status();
    if (known?.status !== status) known = { status, facts: cacheServerFacts(status, await options.session.simulationDigest()) };
    return known.facts;
  };
  const maxBytes = (options.env.EVAL_CACHE_MAX_MB ?? DEFAULT_CACHE_MAX_MB) * 1024 * 1024;
  return { cache: await openResponseCache({ dir, maxBytes, policy, server }), policy, dir };
}
