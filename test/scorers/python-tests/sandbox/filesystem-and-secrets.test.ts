import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../../../src/scorers/python-tests/sandbox/index.ts';
import { createHostileSandbox, expectOne } from './helpers.ts';

const PROJECT_DIR = fileURLToPath(new URL('../../../../', import.meta.url));
const SECRET = `sk-fake-${randomBytes(8).toString('hex')}`;
let sandbox: Sandbox;
let savedKey: string | undefined;

beforeAll(async () => {
  savedKey = process.env.OPENAI_API_KEY;
  process.env.OPENAI_API_KEY = SECRET;
  sandbox = await createHostileSandbox();
});
afterAll(() => {
  sandbox.close();
  if (savedKey === undefined) delete process.env.OPENAI_API_KEY;
  else process.env.OPENAI_API_KEY = savedKey;
});

describe('filesystem', () => {
  test('a file written into the project directory does not appear on the host', async () => {
    const target = join(PROJECT_DIR, `.sandbox-escape-${randomBytes(4).toString('hex')}`);
    const result = await sandbox.run(expectOne(`open(${JSON.stringify(target)}, 'w').write('x')\ndef f():\n    return 1\n`));
    expect(result.status).not.toBe('passed');
    expect(existsSync(target)).toBe(false);
  });

  test("the sandbox's /tmp is not the host's /tmp: host files are neither read nor deleted", async () => {
    const sentinel = join(tmpdir(), `sandbox-sentinel-${randomBytes(4).toString('hex')}`);
    const created = join(tmpdir(), `sandbox-created-${randomBytes(4).toString('hex')}`);
    writeFileSync(sentinel, 'host data');
    try {
      const code = `import os\nopen(${JSON.stringify(created)}, 'w').write('x')\nos.remove(${JSON.stringify(sentinel)})\ndef f():\n    return 1\n`;
      const result = await sandbox.run(expectOne(code));
      expect(result.status).toBe('runtime_error');
      expect(readFileSync(sentinel, 'utf8')).toBe('host data');
      expect(existsSync(created)).toBe(false);
    } finally {
      rmSync(sentinel, { force: true });
      rmSync(created, { force: true });
    }
  });

  test('project and home files cannot be read', async () => {
    const code = `import os\ndef f():\n    for p in (${JSON.stringify(join(PROJECT_DIR, 'package.json'))}, '/root/.bashrc', '/etc/shadow', '/etc/passwd'):\n        try:\n            print(open(p).read())\n            return 1\n        except OSError:\n            pass\n    return 0\n`;
    const result = await sandbox.run(expectOne(code));
    expect(result.status).toBe('assertion');
    expect(result.stderrTail).not.toContain('qwen-evals');
  });
});

describe('secrets', () => {
  test('API keys of the parent environment are not visible, not even through /proc', async () => {
    const code = `import os, sys\ndef f():\n    seen = dict(os.environ)\n    for pid in os.listdir('/proc'):\n        if pid.isdigit():\n            try:\n                seen[pid] = open('/proc/%s/environ' % pid).read()\n            except OSError:\n                pass\n    print(seen, file=sys.stderr)\n    return os.environ.get('OPENAI_API_KEY', '')\n`;
    const result = await sandbox.run({ code, tests: ["assert f().startswith('sk-fake-')"] });
    expect(result.status).toBe('assertion');
    expect(result.stderrTail).toContain("'PATH': '/usr/bin'"); // the candidate's dump reached the tail
    expect(result.stderrTail).not.toContain(SECRET);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});
