import type { RunContext } from '../../shared/context.ts';
import { evalDefinition, type AnyEvalDefinition } from '../../runtime/define-eval.ts';
import type { DataLoader } from '../../runtime/data.ts';
import { codeMetricSpecs } from './metrics.ts';
import { passAtK } from '../../scorers/python-tests/pass-at-k.ts';
import { pythonTests } from '../../scorers/python-tests/python-tests.ts';
import { limitsForReference } from '../../scorers/python-tests/sandbox/time-limit.ts';
import type { SandboxLimits } from '../../scorers/python-tests/sandbox/types.ts';
import { getSharedSandbox } from '../../scorers/python-tests/shared-sandbox.ts';
import type { MultiScorer } from '../../scorers/scorer.ts';
import type { HumanEvalProblem } from '../humaneval/reader.ts';
import type { MbppProblem } from '../mbpp/reader.ts';
import { buildCodeProgram } from './code-program.ts';
import { buildHumanEvalMessages, buildMbppMessages } from './prompts.ts';
import { scoreCodeResponse } from './score-response.ts';
import { buildGoldResponse } from './simulate-answers.ts';

// HumanEval and MBPP share everything but their data and prompt: the model writes code, the sandbox decides,
// greedy pass@1 by default or pass@k from `code.samples` samples with the unbiased estimator.

export type CodeProblem = HumanEvalProblem | MbppProblem;

export function buildCodeMessages(problem: CodeProblem) {
  return problem.kind === 'humaneval' ? buildHumanEvalMessages(problem) : buildMbppMessages(problem);
}

/** Generous limits for the reference solution's own timing run. */
const REFERENCE_LIMITS: Pick<SandboxLimits, 'cpuMs' | 'wallMs'> = { cpuMs: 20_000, wallMs: 41_000 };
const references = new Map<string, Promise<Pick<SandboxLimits, 'cpuMs' | 'wallMs'> | undefined>>();

// Per-problem time limit calibrated on this machine (evalplus): the reference solution's test time in the same
// sandbox, x4, at least 3 s. Measured once per problem and worker; undefined keeps the defaults.
export function calibratedLimits(
  problem: CodeProblem,
  isolation: RunContext['code']['sandbox'],
): Promise<Pick<SandboxLimits, 'cpuMs' | 'wallMs'> | undefined> {
  const key = `${problem.kind}:${problem.taskId}`;
  let limits = references.get(key);
  if (!limits) {
    limits = getSharedSandbox(isolation)
      .then((sandbox) => scoreCodeResponse(sandbox, problem, buildGoldResponse(problem), { limits: REFERENCE_LIMITS }))
      .then((reference) =>
        reference.result?.status === 'passed' ? limitsForReference(reference.result.testMs ?? reference.result.durationMs) : undefined,
      );
    references.set(key, limits);
  }
  return limits;
}

/** What a code eval is made of. */
export interface CodeEvalOptions<P extends CodeProblem> {
  name: 'humaneval' | 'mbpp';
  variant: string;
  label: string;
  data: DataLoader<P>;
  id: (problem: P) => string;
  code: RunContext['code'];
}

/** The samples of a pass@k run. */
interface CodeSamples {
  samples: string[];
  text: string;
}

// A code eval for the run's `code` settings: greedy pass@1, or pass@k from `code.samples` samples.
export function codeEval<P extends CodeProblem>(options: CodeEvalOptions<P>): AnyEvalDefinition {
  const { code } = options;
  const expected = (problem: P) => (problem.kind === 'humaneval' ? `check(${problem.entryPoint})` : problem.testList.join('\n'));
  const common = { name: options.name, variant: options.variant, data: options.data, id: options.id, prompt: buildCodeMessages, expected };
  if (code.samples === 1) {
    return evalDefinition<P>({
      ...common,
      label: `${options.label} (chat, greedy pass@1, sandboxed)`,
      scorers: [
        pythonTests<P>({
          entryPoint: (p) => p.entryPoint,
          program: buildCodeProgram,
          limits: (p) => calibratedLimits(p, code.sandbox),
          isolation: code.sandbox,
        }),
      ],
    });
  }
  return evalDefinition<P, CodeSamples>({
    ...common,
    label: `${options.label} (chat, pass@k from ${code.samples} samples, sandboxed)`,
    task: async (problem, { client, sampling, signal }) => {
      const answers = await Promise.all(
        Array.from({ length: code.samples }, (_, i) =>
          client.chat(buildCodeMessages(problem), { ...sampling, temperature: code.temperature, seed: sampling.seed + i }, signal),
        ),
      );
      const samples = answers.map((a) => a.text);
      return { samples, text: samples.map((s, i) => `--- sample ${i + 1} ---\n${s}`).join('\n') };
    },
    scorers: [passAtKScorer<P>(code)],
  });
}

// Run every sample in the sandbox and score pass@k with the unbiased estimator.
function passAtKScorer<P extends CodeProblem>(code: RunContext['code']): MultiScorer<P, CodeSamples> {
  const metrics = codeMetricSpecs(code);
  return {
    metrics,
    score: async ({ item, output }) => {
      const sandbox = await getSharedSandbox(code.sandbox);
      const limits = await calibratedLimits(item, code.sandbox);
      const scored = await Promise.all(output.samples.map((sample) => scoreCodeResponse(sandbox, item, sample, limits ? { limits } : {})));
      const passed = scored.filter((s) => s.fields.verdict === 'correct').length;
      const n = output.samples.length;
      return {
        scores: Object.fromEntries(metrics.map((m) => [m.name, passAtK(n, passed, Number(m.name.slice('pass@'.length)))])),
        extracted: Object.fromEntries(metrics.map((m) => [m.name, scored[0]?.fields.extracted.code ?? null])),
        verdict: 'graded',
        detail: {
          samples: n,
          passed,
          perSample: scored.map((s) => s.fields.detail ?? {}),
          ...(limits ? { cpuLimitMs: limits.cpuMs } : {}),
        },
      };
    },
  };
}
