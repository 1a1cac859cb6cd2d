import { renderTranscript } from '../prompts/chat-message.ts';
import type { MetricSpec } from '../records/metric.ts';
import type { DatasetPin } from '../records/run-record.ts';
import { createSandbox, limitsForReference, type Sandbox, type SandboxLimits } from '../sandbox/index.ts';
import {
  buildGoldResponse,
  buildHumanEvalMessages,
  buildMbppMessages,
  buildWrongResponse,
  parseHumanEval,
  parseMbpp,
  passAtK,
  PASS_AT_1,
  scoreCodeResponse,
  type HumanEvalProblem,
  type MbppProblem,
  type MbppSplit,
} from '../scoring/code/index.ts';
import { pickCorrect, type SimRule, type SimulationMode } from '../simulate/script.ts';
import type { CaseContext, CaseOutcome } from '../suite/define-eval-suite.ts';
import { applyLimit, hashPrompt, readPinned, type DatasetSource } from './read-pinned.ts';

// HumanEval (164) and MBPP (500 test / 257 sanitized): the model writes code, the sandbox judges it.

export type CodeProblem = HumanEvalProblem | MbppProblem;

/** Sampling for pass@k: 1 sample = greedy pass@1. */
export interface CodeSampling {
  samples: number;
  temperature: number;
  passAtK: number[];
}

export interface CodeData<P extends CodeProblem> {
  cases: P[];
  size: number;
  pins: DatasetPin[];
}

export async function loadHumanEval(source: DatasetSource, limit: number | null): Promise<CodeData<HumanEvalProblem>> {
  const file = await readPinned('humaneval/test', source);
  const all = parseHumanEval(file.text);
  return { cases: applyLimit(all, limit), size: all.length, pins: [file.pin] };
}

export async function loadMbpp(source: DatasetSource, limit: number | null, split: MbppSplit): Promise<CodeData<MbppProblem>> {
  const file = await readPinned(split === 'test' ? 'mbpp/full' : 'mbpp/sanitized', source);
  const all = parseMbpp(split, file.text);
  return { cases: applyLimit(all, limit), size: all.length, pins: [file.pin] };
}

export function buildCodeMessages(problem: CodeProblem) {
  return problem.kind === 'humaneval' ? buildHumanEvalMessages(problem) : buildMbppMessages(problem);
}

// pass@1 alone for greedy runs; with samples, pass@k for every k the samples allow.
export function codeMetricSpecs(sampling: CodeSampling): MetricSpec[] {
  if (sampling.samples === 1) {
    return [{ name: PASS_AT_1, kind: 'proportion', description: 'greedy answer passes every test in the sandbox', range: [0, 1] }];
  }
  return sampling.passAtK
    .filter((k) => k <= sampling.samples)
    .map((k) => ({ name: `pass@${k}`, kind: 'mean' as const, description: `unbiased pass@${k} from ${sampling.samples} samples at temperature ${sampling.temperature}`, range: [0, 1] as [number, number] }));
}

export function codePromptHash(problem: CodeProblem): string {
  return hashPrompt(buildCodeMessages(problem).map((m) => m.role));
}

// Ask for `samples` answers, run each in the sandbox (outside the dispatcher's slot), and score pass@k.
export async function runCodeCase(problem: CodeProblem, sandbox: Sandbox, sampling: CodeSampling, context: CaseContext): Promise<CaseOutcome> {
  const messages = buildCodeMessages(problem);
  const base = context.sampling;
  const answers = await Promise.all(
    Array.from({ length: sampling.samples }, (_, i) =>
      context.client.chat(
        messages,
        sampling.samples === 1 ? base : { ...base, temperature: sampling.temperature, seed: base.seed + i },
        context.signal,
      ),
    ),
  );
  const limits = await calibratedLimits(problem, sandbox);
  const scored = await Promise.all(answers.map((a) => scoreCodeResponse(sandbox, problem, a.text, limits ? { limits } : {})));
  if (limits) for (const s of scored) s.fields.detail = { ...s.fields.detail, cpuLimitMs: limits.cpuMs };
  // TODO(integrator): usage is null when the server sent none (tokens unknown); counted as 0 here.
  const usage = {
    promptTokens: answers.reduce((n, a) => n + (a.usage?.promptTokens ?? 0), 0),
    completionTokens: answers.reduce((n, a) => n + (a.usage?.completionTokens ?? 0), 0),
  };
  const timing = { requests: answers.length, ttftMs: answers[0]!.ttftMs, latencyMs: Math.max(...answers.map((a) => a.latencyMs)) };
  const expected = problem.kind === 'humaneval' ? `check(${problem.entryPoint})` : problem.testList.join('\n');
  if (sampling.samples === 1) {
    const { fields } = scored[0]!;
    return { prompt: renderTranscript(messages), response: answers[0]!.text, expected, ...fields, usage, timing };
  }
  const passed = scored.filter((s) => s.fields.verdict === 'correct').length;
  const scores = Object.fromEntries(
    sampling.passAtK.filter((k) => k <= sampling.samples).map((k) => [`pass@${k}`, passAtK(sampling.samples, passed, k)]),
  );
  return {
    prompt: renderTranscript(messages),
    response: answers.map((a, i) => `--- sample ${i + 1} ---\n${a.text}`).join('\n'),
    expected,
    extracted: { code: scored[0]!.fields.extracted.code ?? null },
    scores,
    verdict: 'graded',
    usage,
    timing,
    detail: { samples: sampling.samples, passed, perSample: scored.map((s) => s.fields.detail ?? {}) },
  };
}

/** Generous limits for the reference solution's own timing run. */
const REFERENCE_LIMITS: Pick<SandboxLimits, 'cpuMs' | 'wallMs'> = { cpuMs: 20_000, wallMs: 41_000 };
const references = new Map<string, Promise<Pick<SandboxLimits, 'cpuMs' | 'wallMs'> | undefined>>();

// Per-problem time limit calibrated on this machine (evalplus): the reference solution's test time in the
// same sandbox, x4, at least 3 s. Measured once per problem and worker; undefined keeps the defaults.
export function calibratedLimits(problem: CodeProblem, sandbox: Sandbox): Promise<Pick<SandboxLimits, 'cpuMs' | 'wallMs'> | undefined> {
  const key = `${problem.kind}:${problem.taskId}`;
  let limits = references.get(key);
  if (!limits) {
    limits = scoreCodeResponse(sandbox, problem, buildGoldResponse(problem), { limits: REFERENCE_LIMITS }).then((reference) =>
      reference.result?.status === 'passed' ? limitsForReference(reference.result.testMs ?? reference.result.durationMs) : undefined,
    );
    references.set(key, limits);
  }
  return limits;
}

// One sandbox per worker, shared by the code suites it runs.
let sandbox: Promise<Sandbox> | undefined;
export function getSandbox(isolation: 'bwrap' | 'unsafe-rlimits-only'): Promise<Sandbox> {
  sandbox ??= createSandbox({ isolation });
  return sandbox;
}

export function simulateCode(problems: CodeProblem[], mode: SimulationMode): { rules: SimRule[]; expected: Record<string, number> } {
  const correct = pickCorrect(mode, problems.length);
  const rules = problems.map((problem, i) => ({
    match: { equals: buildCodeMessages(problem).at(-1)!.content, endpoint: 'chat' as const },
    response: correct[i] ? buildGoldResponse(problem) : buildWrongResponse(problem),
  }));
  const share = problems.length ? correct.filter(Boolean).length / problems.length : 0;
  return { rules, expected: { [PASS_AT_1]: share } };
}
