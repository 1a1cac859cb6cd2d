import { SESSION_HEADER } from '../../shared/transport/headers.ts';
import { TryFailedError } from './retry.ts';
import type { ClientRuntime } from './transport.ts';
import type { ClientTransport } from './try-clock.ts';

// One try under a slot lease when the client takes them (transport.ts `leases`): the try waits for a slot, goes
// straight to the server the dispatcher names under the client's own deadlines (counted from the grant, as the
// dispatcher counts them from dispatch), and gives the slot back with how it went (the failure budget counts it).
// Without a lease (none offered, or the channel broke) the try goes through the dispatcher's proxy as before.

/** Where one try goes. */
export interface TryRoute {
  /** The server's base URL when the try goes straight to it under a lease; null through the dispatcher. */
  direct: string | null;
  /** Who enforces the exact deadlines: the client (`direct`) or the dispatcher. */
  transport: ClientTransport;
  /** The server named in failures. */
  server: string;
}

export async function runLeasedTry<T>(
  runtime: ClientRuntime,
  headers: Record<string, string> | undefined,
  signal: AbortSignal | undefined,
  attempt: (route: TryRoute) => Promise<T>,
): Promise<T> {
  const lease = runtime.leases ? await runtime.leases.acquire(headers?.[SESSION_HEADER] ?? null, signal) : null;
  if (lease === null) return attempt({ direct: null, transport: runtime.transport, server: runtime.server });
  if ('refused' in lease) {
    throw new TryFailedError({ kind: 'server-dead', server: lease.server, serverMessage: lease.refused }, undefined, false);
  }
  try {
    const value = await attempt({ direct: lease.upstream, transport: 'direct', server: lease.upstream });
    lease.release(true);
    return value;
  } catch (error) {
    lease.release(false, error instanceof TryFailedError ? error.failure : undefined);
    throw error;
  }
}
