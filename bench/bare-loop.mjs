// The reference client of bench/client-efficiency: a bare fetch loop with a fixed number of requests in flight,
// nothing else (no SDK, no scoring, no records). Run as its own process so that its CPU is measured alone:
//   node bench/bare-loop.mjs <baseUrl> <bodies.json> <inFlight>
// Prints one JSON line: { startedAtMs, cpuMs, requests }.
import { readFileSync } from 'node:fs';

const startedAtMs = performance.timeOrigin;
const [baseUrl, bodiesFile, inFlightText] = process.argv.slice(2);
const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8'));
const inFlight = Number(inFlightText);
let next = 0;
async function worker() {
  while (next < bodies.length) {
    const body = bodies[next++];
    const response = await fetch(`${baseUrl}/v1/chat/completions`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    await response.text();
  }
}
await Promise.all(Array.from({ length: inFlight }, worker));
const usage = process.cpuUsage();
console.log(JSON.stringify({ startedAtMs, cpuMs: (usage.user + usage.system) / 1000, requests: bodies.length }));
