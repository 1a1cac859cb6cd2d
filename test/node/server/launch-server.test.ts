import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { findFreePort } from '../../../src/node/server/free-port.ts';
import { launchServer, type LaunchedServer } from '../../../src/node/server/launch-server.ts';
import { ServerError } from '../../../src/shared/errors.ts';
import { findProcesses, killAll, repoRoot, simulatorBin, waitUntil } from '../../helpers/processes.ts';

const logDir = mkdtempSync(join(tmpdir(), 'launcher-'));
const launched: LaunchedServer[] = [];
let tag = 0;

afterEach(async () => {
  while (launched.length) await launched.pop()!.stop();
});

// Each test serves a distinct model name so its processes can be found by command line.
async function launch(env: Record<string, string> = {}, overrides: Partial<Parameters<typeof launchServer>[0]> = {}) {
  const port = await findFreePort();
  const model = `Test/launcher-model-${process.pid}-${++tag}`;
  const options = {
    bin: simulatorBin,
    args: ['serve', model, '--port', String(port), '--host', '127.0.0.1', '--max-num-seqs', '4'],
    baseUrl: `http://127.0.0.1:${port}`,
    logFile: join(logDir, `${tag}.log`),
    readinessTimeoutMs: 20_000,
    shutdownGraceMs: 3_000,
    env: { VLLM_SIM_STARTUP_MS: '200', ...env },
    ...overrides,
  };
  const server = await launchServer(options);
  launched.push(server);
  return { server, model, baseUrl: options.baseUrl };
}

describe('launchServer', () => {
  test('returns once /health answers 200', async () => {
    const { baseUrl } = await launch();
    expect((await fetch(`${baseUrl}/health`)).status).toBe(200);
  });

  test("gives the server the harness's NODE_EXTRA_CA_CERTS, and the reaper none (Node parses the bundle at start-up)", async () => {
    const { server, model } = await launch({ NODE_EXTRA_CA_CERTS: '/nonexistent/extra-ca.pem' });
    const environOf = (pid: number) => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    expect(environOf(server.pid)).toContain('NODE_EXTRA_CA_CERTS=');
    const serverPid = findProcesses(model).find(
      (pid) => pid !== server.pid && environOf(pid).some((v) => v.startsWith('VLLM_SIM_STARTUP_MS=')),
    );
    expect(serverPid).toBeDefined();
    expect(environOf(serverPid!)).toContain('NODE_EXTRA_CA_CERTS=/nonexistent/extra-ca.pem');
    expect(environOf(serverPid!).filter((v) => v.startsWith('QWEN_EVALS_'))).toEqual([]);
  });

  test('stops the whole process group, engine child included, on stop()', async () => {
    const { server, model } = await launch();
    expect(findProcesses(model).length).toBeGreaterThanOrEqual(2);
    await server.stop();
    expect(await waitUntil(() => findProcesses(model).length === 0, 5_000)).toBe(true);
  });

  test('fails fast with the last log lines when the server crashes at startup', async () => {
    const started = Date.now();
    const error = await launch({ VLLM_SIM_FAIL_STARTUP: '1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).code).toBe('EVAL_SERVER_START_FAILED');
    expect((error as ServerError).message).toContain('exited during startup (exit code 1)');
    expect((error as ServerError).message).toContain('Engine core initialization failed');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('fails with a readiness timeout and leaves no process when /health never answers', async () => {
    const model = `Test/launcher-model-${process.pid}-${tag + 1}`;
    const error = await launch({ VLLM_SIM_STARTUP_MS: '60000' }, { readinessTimeoutMs: 1_000 }).catch((e: unknown) => e);
    expect((error as ServerError).message).toContain('did not become ready within 1000 ms');
    expect(await waitUntil(() => findProcesses(model).length === 0, 5_000)).toBe(true);
  });

  test("rejects a flag vLLM no longer accepts, showing argparse's error", async () => {
    const port = await findFreePort();
    const error = await launchServer({
      bin: simulatorBin,
      args: ['serve', 'Test/x', '--port', String(port), '--use-v2-block-manager'],
      baseUrl: `http://127.0.0.1:${port}`,
      logFile: join(logDir, 'argparse.log'),
      readinessTimeoutMs: 10_000,
      shutdownGraceMs: 1_000,
    }).catch((e: unknown) => e);
    expect((error as ServerError).message).toContain('exit code 2');
    expect((error as ServerError).message).toContain('unrecognized arguments: --use-v2-block-manager');
  });

  test('reports the exit when the server dies after N requests', async () => {
    const { server, model, baseUrl } = await launch({ VLLM_SIM_DIE_AFTER_REQUESTS: '1' });
    const body = JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 3 });
    await fetch(`${baseUrl}/v1/chat/completions`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }).catch(
      () => null,
    );
    expect(await waitUntil(() => server.exited() !== null, 5_000)).toBe(true);
    expect(await waitUntil(() => findProcesses(model).length === 0, 5_000)).toBe(true);
  });

  test('takes the server down when the harness process is SIGKILLed', async () => {
    const port = await findFreePort();
    const model = `Test/launcher-orphan-${process.pid}`;
    // A stand-in harness: holds the reaper's stdin like launchServer does, then dies without cleanup.
    const harness = spawn(
      process.execPath,
      [
        '-e',
        `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, [${JSON.stringify(resolve(repoRoot, 'src/node/server/reaper.mjs'))}, '2000', ${JSON.stringify(simulatorBin)}, 'serve', ${JSON.stringify(model)}, '--port', '${port}'], { detached: true, stdio: ['pipe', 'ignore', 'ignore'], env: { ...process.env, VLLM_SIM_STARTUP_MS: '100' } });
      setInterval(() => {}, 1000);
    `,
      ],
      { stdio: 'ignore' },
    );
    try {
      expect(await waitUntil(() => findProcesses(model).length >= 3, 10_000)).toBe(true);
      harness.kill('SIGKILL');
      expect(await waitUntil(() => findProcesses(model).length === 0, 8_000)).toBe(true);
    } finally {
      harness.kill('SIGKILL');
      killAll(model);
    }
  });
});
