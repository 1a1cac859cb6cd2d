import { ScorerError } from '../../../shared/errors.ts';
import type { RawOutcome } from './spawn-judge.ts';
import type { SandboxStatus } from './types.ts';

/** Status and explanation derived from a raw outcome. */
export interface Classification {
  status: SandboxStatus;
  detail: string;
  failingAssert?: string;
  failingTest?: number;
  testMs?: number;
}

const KIND_TO_STATUS: Record<string, SandboxStatus> = {
  syntax_error: 'syntax_error',
  runtime_error: 'runtime_error',
  setup_error: 'runtime_error',
  assertion: 'assertion',
  memory: 'memory',
  early_exit: 'failed',
  forged_result: 'sandbox_violation',
  tampering: 'sandbox_violation',
};

// Exit status 124 is judge.py's "CPU limit reached" code.
const CPU_LIMIT_EXIT = 124;

// Undo judge_core's `unicode_escape` (spaces are `\x20`, `-` = empty).
function unescape(text: string): string {
  if (text === '-') return '';
  return text.replace(/\\(x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|n|t|r|\\)/g, (_m, esc: string) => {
    if (esc === 'n') return '\n';
    if (esc === 't') return '\t';
    if (esc === 'r') return '\r';
    if (esc === '\\') return '\\';
    return String.fromCodePoint(parseInt(esc.slice(1), 16));
  });
}

// Turn the process outcome and the fd-3 lines into a status. Exit code alone never passes.
export function classifyOutcome(raw: RawOutcome, nonce: string): Classification {
  if (!raw.verdictText.startsWith('S\n')) {
    throw new ScorerError(
      `The sandbox did not start (exit ${raw.exitCode}, signal ${raw.signal}): ${raw.stderrTail.slice(-500)}`,
    );
  }
  if (raw.timedOut) return { status: 'timeout', detail: 'wall-clock limit reached; process group killed' };
  if (raw.outputLimited) return { status: 'output_limit', detail: 'stdout + stderr exceeded the output cap' };
  const lines = raw.verdictText.slice(2).split('\n').filter((l) => l !== '');
  const foreign = lines.filter((l) => !l.startsWith(`${nonce} `));
  if (foreign.length > 0 || lines.length > 1) {
    return { status: 'sandbox_violation', detail: `unexpected data on the verdict channel (${lines.length} lines)` };
  }
  const [line] = lines;
  if (line === undefined) return classifyWithoutVerdict(raw);
  const [, word, kind = '', index = '-1', ...rest] = line.split(' ');
  if (word === 'PASS') {
    if (raw.exitCode === 0 && raw.signal === null) return { status: 'passed', detail: '', testMs: Number(kind) };
    return { status: 'sandbox_violation', detail: `verdict PASS but exit ${raw.exitCode} / ${raw.signal}` };
  }
  const [rawMessage = '-', rawLine = '-'] = rest;
  const failingAssert = unescape(rawLine);
  return {
    status: KIND_TO_STATUS[kind] ?? 'failed',
    detail: unescape(rawMessage),
    failingTest: Number(index),
    ...(failingAssert ? { failingAssert } : {}),
  };
}

// No verdict line: the process died or left early. Never a pass.
function classifyWithoutVerdict(raw: RawOutcome): Classification {
  const code = raw.exitCode;
  if (code === CPU_LIMIT_EXIT) return { status: 'timeout', detail: 'CPU time limit reached' };
  if (code !== null && code > 128) {
    const sig = code - 128;
    return { status: 'runtime_error', detail: `killed by signal ${sig} before the tests finished` };
  }
  if (raw.stderrTail.includes('MemoryError')) return { status: 'memory', detail: 'MemoryError' };
  return { status: 'failed', detail: `exited with code ${code} before the tests finished (no verdict)` };
}
