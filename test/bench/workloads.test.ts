import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { prepareWorkload } from '../../src/bench/workloads.ts';
import { startDatasetMirror, type DatasetMirror } from '../../src/node/datasets/mirror-server.ts';
import { ConfigError } from '../../src/shared/errors.ts';
import type { RunContext } from '../../src/shared/context.ts';
import { FAKE_RUN } from '../helpers/fake-client.ts';
import { makeTempDir, SHARED_DATASETS } from '../shared/datasets/helpers.ts';

// The benchmark's workloads: random token prompts and a built-in dataset's own chat prompts, read through the loopback mirror.

let mirror: DatasetMirror;
let run: RunContext;
let removeCache: () => Promise<void>;
beforeAll(async () => {
  mirror = await startDatasetMirror({ root: SHARED_DATASETS });
  const cache = await makeTempDir('bench-workloads');
  removeCache = cache.remove;
  vi.stubEnv('EVAL_CACHE_DIR', cache.dir);
  run = { ...FAKE_RUN, datasetBaseUrl: mirror.baseUrl, model: { ...FAKE_RUN.model, id: 'Qwen/Qwen2.5-7B-Instruct' } };
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await mirror.close();
  await removeCache();
});

type Body = { model: string; max_tokens: number; ignore_eos: boolean; stream: boolean; prompt?: number[]; messages?: unknown[] };
const parse = (body: string) => JSON.parse(body) as Body;

describe('prepareWorkload', () => {
  test('random prompts have exactly the set input length, and ignore_eos holds the output length', async () => {
    const { bodies, workload } = await prepareWorkload({ kind: 'random', inputTokens: 100, outputTokens: 7, prompts: 3 }, run, 1);
    expect(workload.name).toBe('random-100x7');
    expect(bodies.map((b) => [b.path, parse(b.body).prompt!.length, parse(b.body).max_tokens, parse(b.body).ignore_eos])).toEqual(
      Array(3).fill(['/v1/completions', 100, 7, true]),
    );
  });

  test('the same seed gives the same random prompts, another seed other ones', async () => {
    const config = { kind: 'random' as const, inputTokens: 50, outputTokens: 4, prompts: 2 };
    const [a, b, c] = await Promise.all([
      prepareWorkload(config, run, 1),
      prepareWorkload(config, run, 1),
      prepareWorkload(config, run, 2),
    ]);
    expect(a.bodies).toEqual(b.bodies);
    expect(a.bodies).not.toEqual(c.bodies);
  });

  test("a dataset workload sends the suite's own chat prompts of the first items, streaming, with the set output length", async () => {
    const { bodies, workload } = await prepareWorkload({ kind: 'dataset', dataset: 'gsm8k/0shot', outputTokens: 32, prompts: 2 }, run, 1);
    expect(workload).toMatchObject({ name: 'gsm8k/0shot', kind: 'dataset', endpoint: 'chat', prompts: 2 });
    const first = parse(bodies[0]!.body);
    expect(bodies[0]!.path).toBe('/v1/chat/completions');
    expect(first).toMatchObject({ model: 'Qwen/Qwen2.5-7B-Instruct', max_tokens: 32, ignore_eos: true, stream: true });
    expect(JSON.stringify(first.messages)).toContain('Janet');
    expect(parse(bodies[1]!.body).messages).not.toEqual(first.messages);
  });

  test('a judged suite is refused with a ConfigError naming the usable keys', async () => {
    const refused = prepareWorkload({ kind: 'dataset', dataset: 'mt_bench/default', outputTokens: 8, prompts: 1 }, run, 1);
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(/"mt_bench\/default", expected .*gsm8k\/0shot/);
  });
});
