// Least-loaded balancing with session affinity over several replicas: a request carrying `x-session-id` goes back to
// the replica that served its session (its prefix cache holds the conversation so far) unless that replica is busier
// than the least-loaded one by more than the slack; requests without a session go to the least-loaded replica.

/** A replica as the dispatcher counts it. */
export interface LoadedReplica {
  url: string;
  inFlight: number;
}

/** Requests a session's replica may have beyond the least-loaded one before the session moves. @default 4 */
export const AFFINITY_SLACK = 4;
/** Sessions remembered; the oldest are forgotten first. */
export const MAX_SESSIONS = 50_000;

/** Chooses a replica per request and remembers where each session went. */
export class SessionAffinity {
  readonly #sessions = new Map<string, string>();

  /** The replica for this request: its session's, if not too busy, else the least-loaded (first on ties). */
  pick<R extends LoadedReplica>(replicas: readonly R[], session: string | undefined): R {
    let best = replicas[0]!;
    for (const r of replicas) if (r.inFlight < best.inFlight) best = r;
    if (session === undefined || replicas.length === 1) return best;
    const url = this.#sessions.get(session);
    const own = url === undefined ? undefined : replicas.find((r) => r.url === url);
    const chosen = own && own.inFlight <= best.inFlight + AFFINITY_SLACK ? own : best;
    this.#remember(session, chosen.url);
    return chosen;
  }

  #remember(session: string, url: string): void {
    this.#sessions.delete(session);
    this.#sessions.set(session, url);
    if (this.#sessions.size > MAX_SESSIONS) this.#sessions.delete(this.#sessions.keys().next().value!);
  }
}
