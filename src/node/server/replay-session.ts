import { join } from 'node:path';
import type { ServerStatus } from '../../shared/context.ts';
import type { RunRecord } from '../../shared/records/run-record.ts';
import { digestFile } from './digest-file.ts';

// The "server" of a replay: none runs. Its status is the one that answered the replayed run, so the new run record
// says where the answers came from and stays comparable with the replayed one.

/** A session that launches nothing and reports the replayed run's server. */
export class ReplaySession {
  readonly launches = false;
  readonly #status: ServerStatus;
  readonly #scriptFile: string;
  #digest: Promise<string | null> | undefined;

  constructor(replayed: RunRecord, resultsDir: string) {
    this.#status = {
      upstreams: replayed.server.baseUrls,
      label: `no server: replaying the answers of run ${replayed.runId}`,
      launched: replayed.server.launched,
      command: replayed.server.command,
      vllmVersion: replayed.server.vllmVersion,
      logFile: null,
      maxNumSeqs: replayed.server.maxNumSeqs,
      simulation: replayed.simulation,
      quantizationKernel: replayed.server.quantizationKernel,
    };
    // A watch re-run (`<runId>-r2`) talked to the server its session scripted under the session's run id.
    this.#scriptFile = join(resultsDir, 'simulation', `${replayed.runId.replace(/-r\d+$/, '')}.script.json`);
  }

  status(): Promise<ServerStatus> {
    return Promise.resolve(this.#status);
  }

  lastStatus(): ServerStatus {
    return this.#status;
  }

  fatalReason(): null {
    return null;
  }

  simulatorStats(): Promise<null> {
    return Promise.resolve(null);
  }

  /** No server, so nothing is sampled. */
  serverMetrics(): Promise<null> {
    return Promise.resolve(null);
  }

  stopServer(): Promise<void> {
    return Promise.resolve();
  }

  /** The replayed run's simulation script digest (cached answers of a simulated run are keyed by it); null when none. */
  simulationDigest(): Promise<string | null> {
    this.#digest ??= this.#status.simulation === null ? Promise.resolve(null) : digestFile(this.#scriptFile);
    return this.#digest;
  }
}
