import { describe, expect, test } from 'vitest';
import config from '../../qwen-evals.config.ts';
import { parseEvalEnv } from '../../src/shared/config/env.ts';
import { parseEvalConfig } from '../../src/node/load-config.ts';
import { resolveProjectSettings } from '../../src/node/settings.ts';
import type { RunContext, ServerContext } from '../../src/runtime/context.ts';
import { ConfigError } from '../../src/shared/errors.ts';
import { getJudge } from '../../src/runtime/judge.ts';
import { createFakeClient } from '../helpers/fake-client.ts';

const resolveJudge = (env: Record<string, string>) => resolveProjectSettings(parseEvalConfig(config), parseEvalEnv(env), 'qwen3_8b').judge;

const server = { baseUrl: 'http://127.0.0.1:9000', upstreams: ['http://127.0.0.1:8001'], model: 'Qwen/Qwen2.5-7B-Instruct' } as ServerContext;
const runWith = (judge: RunContext['judge']) =>
  ({ judge, sampling: { temperature: 0, topP: 1, seed: 7, maxTokens: 1024 }, client: { maxRetries: 2, requestTimeoutMs: 1000 } }) as RunContext;

describe('judge configuration', () => {
  test('defaults to the evaluated server, greedy with 2048 tokens', () => {
    expect(resolveJudge({})).toEqual({ baseUrl: null, model: null, apiKey: null, temperature: 0, maxTokens: 2048 });
  });

  test('takes an external judge from EVAL_JUDGE_* and drops a trailing /v1', () => {
    const judge = resolveJudge({ EVAL_JUDGE_BASE_URL: 'https://api.example.com/v1/', EVAL_JUDGE_MODEL: 'gpt-4', EVAL_JUDGE_API_KEY: ' sk-x ' });
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

describe('getJudge', () => {
  test('lets the evaluated model judge through the run\'s client, naming the upstream server', () => {
    const client = createFakeClient({});
    const judge = getJudge(server, runWith({ baseUrl: null, model: null, apiKey: null, temperature: 0, maxTokens: 2048 }), client);
    expect(judge).toMatchObject({ model: server.model, baseUrl: 'http://127.0.0.1:8001', sameServer: true, sampling: { temperature: 0, maxTokens: 2048, seed: 7 } });
    expect(judge.client).toBe(client);
  });

  test('uses its own client for an external judge', () => {
    const client = createFakeClient({});
    const judge = getJudge(server, runWith({ baseUrl: 'https://judge.example', model: 'gpt-4', apiKey: 'k', temperature: 0, maxTokens: 2048 }), client);
    expect(judge).toMatchObject({ model: 'gpt-4', baseUrl: 'https://judge.example', sameServer: false });
    expect(judge.client).not.toBe(client);
  });
});
