import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../../../src/scorers/python-tests/sandbox/index.ts';
import { createHostileSandbox, expectOne, listHostProcesses } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createHostileSandbox();
});
afterAll(() => sandbox.close());

// Start a process outside the sandbox under the uid(s) the sandbox runs as.
function spawnHostSleepers(): ChildProcess[] {
  const isRoot = process.getuid?.() === 0;
  const uids = isRoot ? Array.from({ length: sandbox.parallelism }, (_, i) => 65534 - i) : [undefined];
  return uids.map((uid) =>
    uid === undefined
      ? spawn('/usr/bin/sleep', ['30'], { stdio: 'ignore' })
      : spawn('/usr/bin/setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--', '/usr/bin/sleep', '30'], {
          stdio: 'ignore',
        }),
  );
}

describe('network', () => {
  let server: Server;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('a connection to a loopback listener of the host fails and never arrives', async () => {
    const { port } = server.address() as AddressInfo;
    const code = `import socket\ndef f():\n    socket.create_connection(('127.0.0.1', ${port}), timeout=1).close()\n    return 1\n`;
    const result = await sandbox.run(expectOne(code));
    expect(result.status).toBe('runtime_error');
    expect(result.detail).toMatch(/OSError|unreachable|refused/i);
    expect(connections).toBe(0);
  });
});

describe('processes', () => {
  test("killing the parent and kill(-1) end the case but spare the harness and the sandbox uid's host processes", async () => {
    const sleepers = spawnHostSleepers();
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const code = 'import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nos.kill(-1, signal.SIGKILL)\ndef f():\n    return 1\n';
      const result = await sandbox.run(expectOne(code));
      expect(result.status).not.toBe('passed');
      expect(sleepers.every((s) => s.exitCode === null && s.signalCode === null)).toBe(true);
    } finally {
      for (const s of sleepers) s.kill('SIGKILL');
    }
  });

  test('a background daemon does not survive its case', async () => {
    const marker = `77.${Math.floor(Math.random() * 1e6)}`;
    const code = `import os\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        os.execv('/usr/bin/sleep', ['sleep', '${marker}'])\n    os._exit(0)\ndef f():\n    return 0\n`;
    const result = await sandbox.run(expectOne(code));
    expect(result.status).not.toBe('passed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(listHostProcesses().filter((p) => p.cmdline.includes(marker))).toEqual([]);
  });

  test('host processes are not visible from inside', async () => {
    const code = "import os\ndef f():\n    return len([p for p in os.listdir('/proc') if p.isdigit()])\n";
    const result = await sandbox.run({ code, tests: ['assert f() > 3'] });
    expect(result.status).toBe('assertion');
  });
});
