// Headers the dispatcher (main process) and the client (workers) agree on.

/** Header the dispatcher puts on every reply: the upstream that served it. */
export const UPSTREAM_HEADER = 'x-eval-upstream';
/** Header the dispatcher puts on its reply when the server is known gone (dead, or the failure budget spent). */
export const FATAL_HEADER = 'x-eval-fatal';
/** Header the dispatcher puts on an answer it served from its response cache (value `hit`): no server was asked. */
export const CACHE_HEADER = 'x-eval-cache';
/**
 * Header every request of one case carries, with the same value on each turn and retry: routers in front of several
 * vLLM replicas (vLLM's router, llm-d, production-stack) and the harness's own dispatcher keep a session on one
 * replica, so a conversation's second turn finds its first in that replica's prefix cache.
 */
export const SESSION_HEADER = 'x-session-id';
