import { afterEach, describe, expect, test } from 'vitest';
import { createEvalClient } from '../../../src/runtime/client/chat.ts';
import { caseSessionId, withSession } from '../../../src/runtime/client/session.ts';
import type { EvalDefinition } from '../../../src/runtime/define-eval.ts';
import { answerEvents, completionBody, startFaultServer } from '../../helpers/fault-server.ts';
import { createFakeClient, runCase, SAMPLING } from '../../helpers/fake-client.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

describe('the x-session-id of a case', () => {
  test('is the same for the same run, dataset and case, and differs between cases and runs', () => {
    const id = caseSessionId('run-1', 'mt_bench/single', '81');
    expect(caseSessionId('run-1', 'mt_bench/single', '81')).toBe(id);
    expect(caseSessionId('run-1', 'mt_bench/single', '82')).not.toBe(id);
    expect(caseSessionId('run-2', 'mt_bench/single', '81')).not.toBe(id);
    expect(id).toMatch(/^qe-[0-9a-f]{24}$/);
  });

  test('reaches the server on every chat and completion of a session client', async () => {
    const upstream = await startFaultServer((_n, body: { stream?: boolean }) =>
      body.stream ? { type: 'stream', events: answerEvents(['hi']) } : { type: 'json', body: completionBody('x') },
    );
    closers.push(upstream.close);
    const client = withSession(createEvalClient({ baseUrl: upstream.url, model: 'm', transport: 'direct' }), 'qe-abc');
    await client.chat([{ role: 'user', content: 'turn 1' }], SAMPLING);
    await client.chat([{ role: 'user', content: 'turn 2' }], SAMPLING);
    await client.complete('p', { maxTokens: 1, echo: false, logprobs: 0 });
    expect(upstream.headers.map((h) => h['x-session-id'])).toEqual(['qe-abc', 'qe-abc', 'qe-abc']);
  });

  test('is sent by both turns of a two-turn case, and a task can read it', async () => {
    const seen: string[] = [];
    const twoTurns: EvalDefinition<{ id: string }> = {
      name: 'two_turns',
      data: [{ id: 'a' }],
      prompt: () => [{ role: 'user', content: 'q' }],
      task: async (_item, { client, sampling, signal, sessionId }) => {
        seen.push(sessionId);
        await client.chat([{ role: 'user', content: 'one' }], sampling, signal);
        return client.chat([{ role: 'user', content: 'two' }], sampling, signal);
      },
      scorers: [],
    };
    const client = createFakeClient({ answer: () => 'ok' });
    await runCase(twoTurns, { id: 'a' }, client, { caseId: 'a' });
    await runCase(twoTurns, { id: 'b' }, client, { caseId: 'b' });
    const ids = client.chats.map((c) => c.headers?.['x-session-id']);
    expect(ids[0]).toBe(seen[0]);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toBe(seen[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});
