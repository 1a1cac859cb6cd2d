import { ScorerError } from '../../../shared/errors.ts';
import type { CaseEnd, ProcessExit } from './worker-protocol.ts';
import type { SandboxStatus } from './types.ts';

/** Status and explanation derived from a case's end report. */
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
  not_plain: 'failed',
  unsupported: 'failed',
  forged_result: 'sandbox_violation',
  tampering: 'sandbox_violation',
};

// Undo judge_core's `unicode_escape` (spaces are `\x20`, `-` = empty).
function unescapeText(text: string): string {
  if (text === '-') return '';
  return text.replace(/\\(x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|n|t|r|\\)/g, (_m, esc: string) => {
    if (esc === 'n') return '\n';
    if (esc === 't') return '\t';
    if (esc === 'r') return '\r';
    if (esc === '\\') return '\\';
    return String.fromCodePoint(parseInt(esc.slice(1), 16));
  });
}

// Turn the fork server's end report and the verdict line into a status. Exit codes alone never pass.
export function classifyCase(end: CaseEnd, nonce: string): Classification {
  if (!end.verdict.startsWith('S\n')) {
    throw new ScorerError(
      `The sandboxed judge did not start (judge ${JSON.stringify(end.judge)}, anomaly ${end.anomaly}): ${end.stderr.slice(-500)}`,
    );
  }
  if (end.timedOut) return { status: 'timeout', detail: 'wall-clock limit reached; every process of the case killed' };
  if (end.outputLimited) return { status: 'output_limit', detail: 'stdout + stderr exceeded the output cap' };
  const lines = end.verdict
    .slice(2)
    .split('\n')
    .filter((l) => l !== '');
  const foreign = lines.filter((l) => !l.startsWith(`${nonce} `));
  if (foreign.length > 0 || lines.length > 1) {
    return { status: 'sandbox_violation', detail: `unexpected data on the verdict channel (${lines.length} lines)` };
  }
  const [line] = lines;
  if (line === undefined) return classifyWithoutVerdict(end.judge, end.stderr, 'the judge');
  const [, word, kind = '', index = '-1', ...rest] = line.split(' ');
  if (word === 'PASS') {
    if (end.judge?.exit === 0 && end.judge.signal === null) return { status: 'passed', detail: '', testMs: Number(kind) };
    return { status: 'sandbox_violation', detail: `verdict PASS but the judge ended with ${describeExit(end.judge)}` };
  }
  const [rawMessage = '-', rawLine = '-'] = rest;
  const failingAssert = unescapeText(rawLine);
  const located = { failingTest: Number(index), ...(failingAssert ? { failingAssert } : {}) };
  if (kind === 'candidate_gone') return { ...classifyWithoutVerdict(end.candidate, end.stderr, 'the candidate process'), ...located };
  return { status: KIND_TO_STATUS[kind] ?? 'failed', detail: unescapeText(rawMessage), ...located };
}

// A process that ended without a verdict (or the candidate process under a split judge). Never a pass.
function classifyWithoutVerdict(exit: ProcessExit | null, stderr: string, who: string): Classification {
  if (exit === null) return { status: 'failed', detail: `${who} was never seen to exit` };
  if (exit.cpuLimit) return { status: 'timeout', detail: 'CPU time limit reached' };
  if (exit.signal !== null)
    return { status: 'runtime_error', detail: `${who} was killed by signal ${exit.signal} before the tests finished` };
  if (stderr.includes('MemoryError')) return { status: 'memory', detail: 'MemoryError' };
  return { status: 'failed', detail: `${who} exited with code ${exit.exit} before the tests finished (no verdict)` };
}

function describeExit(exit: ProcessExit | null): string {
  if (exit === null) return 'no exit status';
  return exit.signal !== null ? `signal ${exit.signal}` : `exit ${exit.exit}`;
}
