import { describe, expect, test } from 'vitest';
import config from '../../qwen-evals.config.ts';
import { parseEvalEnv } from '../../src/shared/config/env.ts';
import { parseEvalConfig } from '../../src/node/load-config.ts';
import { resolveProjectSettings } from '../../src/node/settings.ts';
import type { RunContext } from '../../src/shared/context.ts';
import { ConfigError } from '../../src/shared/errors.ts';
import { createJudge } from '../../src/runtime/judge.ts';
import { FAKE_RUN, FAKE_SERVER } from '../helpers/fake-client.ts';

const resolveJudge = (env: Record<string, string>) => resolveProjectSettings(parseEvalConfig(config), parseEvalEnv(env), 'qwen3_8b').judge;

const server = { ...FAKE_SERVER, upstreams: ['http://127.0.0.1:8001'] };
const runWith = (judge: RunContext['judge']): RunContext => ({
  ...FAKE_RUN,
  model: { ...FAKE_RUN.model, id: 'Qwen/Qwen2.5-7B-Instruct' },
  judge,
  sampling: { temperature: 0, topP: 1, seed: 7, maxTokens: 1024 },
});

describe('judge configuration', () => {
  test('defaults to the evaluated server, greedy with 2048 tokens', () => {
    expect(resolveJudge({})).toEqual({ baseUrl: null, model: null, apiKey: null, temperature: 0, maxTokens: 2048 });
  });

  test('takes an external judge from EVAL_JUDGE_* and drops a trailing /v1', () => {
    const judge = resolveJudge({
      EVAL_JUDGE_BASE_URL: 'https://api.example.com/v1/',
      EVAL_JUDGE_MODEL: 'gpt-4',
      EVAL_JUDGE_API_KEY: ' sk-x ',
    });
    expect(judge).toMatchObject({ baseUrl: 'https://api.example.com', model: 'gpt-4', apiKey: 'sk-x' });
  });

  test('rejects a judge URL without a judge model, naming the variable', () => {
    expect(() => resolveJudge({ EVAL_JUDGE_BASE_URL: 'https://api.example.com' })).toThrow(ConfigError);
    expect(() => resolveJudge({ EVAL_JUDGE_BASE_URL: 'https://api.example.com' })).toThrow(/EVAL_JUDGE_MODEL/);
  });

  test('rejects a judge model without a judge URL', () => {
    expect(() => resolveJudge({ EVAL_JUDGE_MODEL: 'gpt-4' })).toThrow(/EVAL_JUDGE_BASE_URL/);
  });
});

describe('createJudge', () => {
  const self = { baseUrl: null, model: null, apiKey: null, temperature: 0, maxTokens: 2048 };

  test("lets the model under test judge itself through the case's client, said so in the record", () => {
    const judge = createJudge(runWith(self), server);
    expect(judge).toMatchObject({
      info: { model: 'Qwen/Qwen2.5-7B-Instruct', baseUrl: 'http://127.0.0.1:8001', source: 'self' },
      client: null,
    });
    expect(judge.sampling).toMatchObject({ temperature: 0, maxTokens: 2048, seed: 7 });
  });

  test("is the simulator's script against the simulated vLLM", () => {
    expect(createJudge(runWith(self), { ...server, simulation: 'gold' }).info.source).toBe('scripted');
  });

  test('uses its own client for an external judge', () => {
    const judge = createJudge(
      runWith({ baseUrl: 'https://judge.example', model: 'gpt-4', apiKey: 'k', temperature: 0, maxTokens: 2048 }),
      server,
    );
    expect(judge.info).toEqual({ model: 'gpt-4', baseUrl: 'https://judge.example', source: 'external' });
    expect(judge.client).not.toBeNull();
  });
});
