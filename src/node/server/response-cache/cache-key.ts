import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json.ts';
import type { ServerStatus } from '../../../shared/context.ts';

// The content address of an answer: everything that decides it. The request body whole (model, rendered messages or
// prompt, every sampling parameter, tools, stop strings, stream or not), the server (the `vllm serve` flags that can
// change answers, the vLLM version, a simulated server's script) and, for sampled requests, which sample it is.

/** Version of the key's layout; bump it to leave every earlier entry unused. */
export const CACHE_KEY_VERSION = 1;

/**
 * `vllm serve` flags that change speed or plumbing but not an answer; every other flag counts. The batch size is here
 * on purpose: at temperature 0 it may flip a few answers (unstable cases), and a cache keeps the first one, as the
 * baseline does.
 */
export const PERFORMANCE_ONLY_FLAGS: ReadonlySet<string> = new Set([
  '--host',
  '--port',
  '--uds',
  '--api-key',
  '--served-model-name',
  '--gpu-memory-utilization',
  '--kv-cache-memory-bytes',
  '--max-num-seqs',
  '--max-num-batched-tokens',
  '--enable-prefix-caching',
  '--no-enable-prefix-caching',
  '--prefix-caching-hash-algo',
  '--enable-chunked-prefill',
  '--no-enable-chunked-prefill',
  '--max-num-partial-prefills',
  '--max-long-partial-prefills',
  '--long-prefill-token-threshold',
  '--async-scheduling',
  '--no-async-scheduling',
  '--block-size',
  '--num-gpu-blocks-override',
  '--stream-interval',
  '--api-server-count',
  '--shutdown-timeout',
  '--disable-log-stats',
  '--aggregate-engine-logging',
  '--enable-log-requests',
  '--no-enable-log-requests',
  '--enable-log-outputs',
  '--enable-log-deltas',
  '--log-error-stack',
  '--log-config-file',
  '--max-log-len',
  '--uvicorn-log-level',
  '--disable-uvicorn-access-log',
  '--disable-access-log-for-endpoints',
  '--enable-request-id-headers',
  '--enable-server-load-tracking',
  '--enable-prompt-tokens-details',
  '--enable-force-include-usage',
  '--disable-fastapi-docs',
  '--allowed-origins',
  '--allowed-methods',
  '--allowed-headers',
  '--allow-credentials',
  '--root-path',
  '--ssl-keyfile',
  '--ssl-certfile',
  '--ssl-ca-certs',
]);

/** What the server contributes to a key. */
export interface CacheServerFacts {
  /** Flags of the launched `vllm serve` that can change answers, in order; null for a server the harness did not launch. */
  flags: string[] | null;
  vllmVersion: string | null;
  /** Simulation mode; null = a real model. */
  simulation: string | null;
  /** sha256 of the simulated vLLM's script: what a simulated model "knows". */
  simulationDigest: string | null;
  /** The URLs of a server the harness did not launch, whose flags it cannot see. */
  upstreams: string[] | null;
}

// The server facts of a key, from the server the dispatcher talks to.
export function cacheServerFacts(status: ServerStatus, simulationDigest: string | null): CacheServerFacts {
  return {
    flags: status.command === null ? null : answerChangingFlags(status.command),
    vllmVersion: status.vllmVersion,
    simulation: status.simulation,
    simulationDigest,
    upstreams: status.launched ? null : [...status.upstreams].sort(),
  };
}

/** The flags of a `vllm serve` argv that can change answers (`--quantization awq`, `--max-model-len 8192`), values kept. */
export function answerChangingFlags(argv: readonly string[]): string[] {
  const first = argv.findIndex((arg) => arg.startsWith('-'));
  if (first === -1) return [];
  const kept: string[] = [];
  for (let i = first; i < argv.length; i++) {
    const arg = argv[i]!;
    const hasValue = !arg.includes('=') && i + 1 < argv.length && !argv[i + 1]!.startsWith('--');
    const value = hasValue ? argv[++i]! : null;
    if (PERFORMANCE_ONLY_FLAGS.has(arg.split('=')[0]!)) continue;
    kept.push(value === null ? arg : `${arg}=${value}`);
  }
  return kept;
}

/**
 * The key of an answer: sha256 (hex) of the endpoint path, the request body, the server facts and the sample index
 * (the n-th identical sampled request of a run is the n-th sample).
 */
export function answerCacheKey(path: string, request: unknown, server: CacheServerFacts, sample = 0): string {
  return createHash('sha256')
    .update(canonicalJson({ version: CACHE_KEY_VERSION, path, request, server, sample }))
    .digest('hex');
}
