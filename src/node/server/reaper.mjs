#!/usr/bin/env node
// Process-group leader between the harness and `vllm serve`: if the harness dies (even by SIGKILL),
// the reaper notices its stdin closing and takes the whole group down, so no server is ever orphaned.
// Usage: node reaper.mjs <graceMs> <command> [args...]
import { spawn } from 'node:child_process';

const [graceArg, command, ...args] = process.argv.slice(2);
const graceMs = Number(graceArg);
if (!command || !Number.isFinite(graceMs)) {
  process.stderr.write('usage: reaper.mjs <graceMs> <command> [args...]\n');
  process.exit(2);
}

// The server gets the NODE_EXTRA_CA_CERTS the harness had (the reaper itself started without it: see launch-server.ts).
const CA_CERTS = 'QWEN_EVALS_SERVER_NODE_EXTRA_CA_CERTS';
const env = { ...process.env };
if (CA_CERTS in env) env.NODE_EXTRA_CA_CERTS = env[CA_CERTS];
else delete env.NODE_EXTRA_CA_CERTS;
delete env[CA_CERTS];
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
let stopping = false;

child.on('error', (error) => {
  process.stderr.write(`reaper: cannot start ${command}: ${error.message}\n`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  // Whatever the server left in the group (engine processes) is told to go; the harness sweeps with SIGKILL.
  stopping = true;
  try {
    process.kill(-process.pid, 'SIGTERM');
  } catch {}
  process.exit(code ?? (signal ? 128 + (signalNumber(signal) ?? 1) : 1));
});

function stopGroup() {
  if (stopping) return;
  stopping = true;
  try {
    process.kill(-process.pid, 'SIGTERM');
  } catch {}
  setTimeout(() => {
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {}
  }, graceMs).unref();
}

// The group-wide SIGTERM reaches the reaper too: wait for the child instead of dying first.
process.on('SIGTERM', stopGroup);
process.on('SIGINT', stopGroup);
process.on('SIGHUP', stopGroup);
// The harness holds the write end of our stdin; EOF means it is gone.
process.stdin.on('end', stopGroup);
process.stdin.on('error', stopGroup);
process.stdin.resume();

function signalNumber(name) {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15, SIGSEGV: 11, SIGABRT: 6 }[name];
}
