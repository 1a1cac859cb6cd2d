import { createHash } from 'node:crypto';
import { answerCacheKey, type CacheServerFacts } from './cache-key.ts';
import type { CachePolicy } from './cache-policy.ts';
import { isCacheableRequest, isCompleteAnswer, isGreedy, type CachedAnswer } from './cacheable.ts';
import { ResponseCacheStore } from './cache-store.ts';

// The dispatcher's response cache: looks each generation request up before it waits for a slot, and keeps the
// complete answers the server gave. It lives in the main process because the dispatcher sees every request of every
// suite and worker byte for byte (tools, judge calls and custom tasks included), knows the server they go to, and
// is the one writer of the cache folder; a hit then never takes a slot nor counts in the dispatcher's throughput.

export type { CachedAnswer } from './cacheable.ts';

/** What the dispatcher does with one generation request. */
export interface CacheLookup {
  /** The stored answer, or null (ask the server). */
  hit: CachedAnswer | null;
  /** Offer the server's answer to the cache: kept when the policy writes and the answer is complete. */
  offer(answer: CachedAnswer): void;
}

/** The cache as the dispatcher uses it. */
export interface DispatcherCache {
  /** Null when the request is not one the cache handles (policy, not JSON). */
  lookup(path: string, body: Buffer): Promise<CacheLookup | null>;
  /** A run ended: sample numbering starts again. */
  resetRun(): void;
  /** Wait for answers still being written. */
  flush(): Promise<void>;
}

/** Options of a response cache. */
export interface ResponseCacheOptions {
  /** Folder of the cache (`<results>/cache/responses`). */
  dir: string;
  /** @unit bytes */
  maxBytes: number;
  policy: CachePolicy;
  /** The server the answers come from; asked once per lookup (callers cache it). */
  server: () => Promise<CacheServerFacts>;
}

/** Open the cache for a run. */
export async function openResponseCache(options: ResponseCacheOptions): Promise<DispatcherCache> {
  const store = await ResponseCacheStore.open(options.dir, options.maxBytes);
  const samples = new Map<string, number>();
  const writes = new Set<Promise<void>>();
  const keeps = options.policy.mode === 'readwrite';
  return {
    async lookup(path, body) {
      let request: unknown;
      try {
        request = JSON.parse(body.toString('utf8'));
      } catch {
        return null;
      }
      if (!isCacheableRequest(request, options.policy)) return null;
      const server = await options.server();
      const base = answerCacheKey(path, request, server);
      // Identical sampled requests are distinct samples: the n-th of a run is sample n.
      const sample = isGreedy(request) ? 0 : (samples.get(base) ?? 0);
      if (!isGreedy(request)) samples.set(base, sample + 1);
      const key = sample === 0 ? base : createHash('sha256').update(`${base}:${sample}`).digest('hex');
      const hit = await store.get(key);
      return {
        hit,
        offer: (answer) => {
          if (!keeps || hit || !isCompleteAnswer(answer, request)) return;
          const write = store.put(key, answer).catch(() => {});
          writes.add(write);
          void write.finally(() => writes.delete(write));
        },
      };
    },
    resetRun: () => samples.clear(),
    flush: async () => {
      await Promise.all(writes);
    },
  };
}
