import { describe, expect, test } from 'vitest';
import {
  defaultRequestTimeouts,
  IDLE_MS_PER_DECODE_STEP,
  MIN_IDLE_TIMEOUT_MS,
  resolveRequestTimeouts,
} from '../../../src/shared/transport/timeouts.ts';
import projectConfig from '../../../qwen-evals.config.ts';
import { parseEvalEnv } from '../../../src/shared/config/env.ts';
import { parseEvalConfig } from '../../../src/node/load-config.ts';
import { resolveProjectSettings } from '../../../src/node/settings.ts';

describe('request timeouts', () => {
  test('default idle covers queueing behind a full batch of maxTokens decode steps, never under the floor', () => {
    expect(defaultRequestTimeouts(256).idleTimeoutMs).toBe(MIN_IDLE_TIMEOUT_MS);
    expect(defaultRequestTimeouts(8192).idleTimeoutMs).toBe(8192 * IDLE_MS_PER_DECODE_STEP);
  });

  test("default total is twice the idle: the queue wait plus the request's own generation", () => {
    const t = defaultRequestTimeouts(8192);
    expect(t.requestTimeoutMs).toBe(2 * t.idleTimeoutMs);
  });

  test('a raised idle timeout raises the default total to twice itself; a lowered one keeps the default total', () => {
    const defaults = defaultRequestTimeouts(1024);
    expect(resolveRequestTimeouts({}, { EVAL_IDLE_TIMEOUT_MS: 2_000_000 }, 1024).requestTimeoutMs).toBe(4_000_000);
    expect(resolveRequestTimeouts({ idleTimeoutMs: 900_000 }, {}, 1024).requestTimeoutMs).toBe(1_800_000);
    expect(resolveRequestTimeouts({}, { EVAL_IDLE_TIMEOUT_MS: 3_000 }, 1024).requestTimeoutMs).toBe(defaults.requestTimeoutMs);
  });

  test('environment wins over the config file, which wins over the defaults', () => {
    const configured = { idleTimeoutMs: 9_000, requestTimeoutMs: 20_000, headersTimeoutMs: 1_000 };
    expect(resolveRequestTimeouts(configured, { EVAL_IDLE_TIMEOUT_MS: 3_000 }, 1024)).toEqual({
      idleTimeoutMs: 3_000,
      requestTimeoutMs: 20_000,
      headersTimeoutMs: 1_000,
    });
    expect(resolveRequestTimeouts({}, { EVAL_REQUEST_TIMEOUT_MS: 5_000 }, 1024).requestTimeoutMs).toBe(5_000);
  });

  test('reach the project settings from EVAL_IDLE_TIMEOUT_MS and EVAL_REQUEST_TIMEOUT_MS', () => {
    const settings = resolveProjectSettings(
      parseEvalConfig(projectConfig),
      parseEvalEnv({ EVAL_IDLE_TIMEOUT_MS: '3000', EVAL_REQUEST_TIMEOUT_MS: '7000' }),
      'qwen3_8b',
    );
    expect([settings.client.idleTimeoutMs, settings.client.requestTimeoutMs]).toEqual([3_000, 7_000]);
  });

  test("size the idle default for the judge's longer answers when the server judges itself", () => {
    const config = parseEvalConfig(projectConfig);
    const settings = resolveProjectSettings(config, parseEvalEnv({}), 'qwen3_8b');
    expect(settings.client.idleTimeoutMs).toBe(Math.max(MIN_IDLE_TIMEOUT_MS, config.judge.maxTokens * IDLE_MS_PER_DECODE_STEP));
  });

  test('reject a non-numeric EVAL_IDLE_TIMEOUT_MS naming the variable', () => {
    expect(() => parseEvalEnv({ EVAL_IDLE_TIMEOUT_MS: '3s' })).toThrow(/EVAL_IDLE_TIMEOUT_MS must be a positive integer/);
  });
});
