import { test } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
test('try', async () => {
  const sb = await createSandbox({ limits: { cpuMs: 1000 }, parallelism: 1 });
  const ds: number[] = [];
  for (let i = 0; i < 30; i++) {
    const r = await sb.run({ code: 'def f():\n  return 1\n', tests: ['assert f() == 1'] });
    ds.push(Math.round(r.durationMs));
  }
  console.log(ds.join(' '));
  sb.close();
});
