import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import OpenAI from 'openai';
import { expect, test } from 'vitest';
import { STREAM_INTERVAL } from '../src/node/settings.ts';
import { findFreePort } from '../src/node/server/free-port.ts';
import { launchServer } from '../src/node/server/launch-server.ts';
import { startDispatcher } from '../src/node/server/dispatcher.ts';
import { repoRoot, simulatorBin } from '../test/helpers/processes.ts';

// Benchmark: client CPU per streamed chat request (80 tokens, every 16th streamed) for three transports, in
// this process only (the simulator runs in its own). Separates what the openai SDK costs from what the
// harness adds on top (see bench/NOTES.md).

const REQUESTS = 600;
const IN_FLIGHT = 128;
const ROUNDS = 2;

test('client CPU per streamed request: openai SDK vs fetch vs node:http', async () => {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = await launchServer({
    bin: simulatorBin,
    args: ['serve', 'bench/model', '--port', String(port), '--max-num-seqs', '64', '--stream-interval', String(STREAM_INTERVAL)],
    baseUrl,
    logFile: join(tmpdir(), `bench-client-cpu-${port}.log`),
    readinessTimeoutMs: 30_000,
    shutdownGraceMs: 3_000,
    env: { VLLM_SIM_DEFAULT_RESPONSE: 'word '.repeat(80).trim() },
  });
  const body = {
    model: 'bench/model',
    messages: [{ role: 'user' as const, content: 'hello' }],
    stream: true as const,
    stream_options: { include_usage: true },
    max_tokens: 100,
    temperature: 0,
  };
  const client = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: 'EMPTY' });
  // The harness's path: the same SDK call through the run's dispatcher (which runs in this process here).
  const dispatcher = await startDispatcher({ upstreams: [baseUrl], inFlightLimit: IN_FLIGHT });
  const viaDispatcher = new OpenAI({ baseURL: `${dispatcher.baseUrl}/v1`, apiKey: 'EMPTY' });
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const transports: Record<string, () => Promise<number>> = {
    'openai SDK stream': async () => {
      let n = 0;
      for await (const chunk of await client.chat.completions.create(body)) n += chunk.choices[0]?.delta?.content?.length ?? 0;
      return n;
    },
    'openai SDK stream via dispatcher': async () => {
      let n = 0;
      for await (const chunk of await viaDispatcher.chat.completions.create(body)) n += chunk.choices[0]?.delta?.content?.length ?? 0;
      return n;
    },
    'fetch stream': async () => {
      const response = await fetch(`${baseUrl}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
      let n = 0;
      for await (const part of response.body!) n += (part as Uint8Array).length;
      return n;
    },
    'node:http stream': () =>
      new Promise<number>((done, fail) => {
        const request = http.request(
          `${baseUrl}/v1/chat/completions`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (response) => {
            let n = 0;
            response.on('data', (part: Buffer) => (n += part.length));
            response.on('end', () => done(n));
          },
        );
        request.on('error', fail);
        request.end(JSON.stringify(body));
      }),
  };
  const results: Record<string, number[]> = {};
  try {
    // Interleave the transports, round after round; the first round also warms up.
    for (let round = 0; round < ROUNDS + 1; round++) {
      for (const [name, send] of Object.entries(transports)) {
        let next = 0;
        let sink = 0;
        const before = process.cpuUsage();
        await Promise.all(
          Array.from({ length: IN_FLIGHT }, async () => {
            while (next++ < REQUESTS) sink += await send();
          }),
        );
        const used = process.cpuUsage(before);
        expect(sink).toBeGreaterThan(0);
        if (round > 0) {
          results[name] ??= [];
          results[name].push((used.user + used.system) / 1000 / REQUESTS);
        }
      }
    }
  } finally {
    agent.destroy();
    await dispatcher.close();
    await server.stop();
  }
  const summary = Object.fromEntries(
    Object.entries(results).map(([name, values]) => [name, { msPerRequest: Math.min(...values), rounds: values }]),
  );
  mkdirSync(resolve(repoRoot, 'results/bench'), { recursive: true });
  writeFileSync(resolve(repoRoot, 'results/bench/client-cpu.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
});
