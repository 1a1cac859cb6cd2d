/** Readiness did not arrive in time. */
export class ReadinessTimeout extends Error {}

const POLL_INTERVAL_MS = 250;
const PROBE_TIMEOUT_MS = 2_000;

// Poll GET /health until 200; reject early when the process exits, or on timeout.
export async function waitForHealth(options: { baseUrl: string; timeoutMs: number; exited: Promise<void> }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let exited = false;
  const exitSignal = options.exited.then(() => {
    exited = true;
  });
  while (!exited) {
    if (Date.now() > deadline) throw new ReadinessTimeout(`not ready after ${options.timeoutMs} ms`);
    try {
      const response = await fetch(`${options.baseUrl}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // ECONNREFUSED while the model loads: the port is bound but not yet listening.
    }
    await Promise.race([exitSignal, sleep(POLL_INTERVAL_MS)]);
  }
  throw new Error('server process exited before it was ready');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
