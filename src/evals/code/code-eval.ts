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
import type { CodeDataset, CodeProblem } from './code-dataset.ts';
import { scoreCodeResponse } from './score-response.ts';

// Datasets answered with Python code share everything but their data, prompt and program: the model writes code,
// the sandbox decides, greedy pass@1 by default or pass@k from `code.samples` samples with the unbiased estimator.

/** Generous limits for the reference solution's own timing run. */
const REFERENCE_LIMITS: Pick<SandboxLimits, 'cpuMs' | 'wallMs'> = { cpuMs: 20_000, wallMs: 41_000 };
const references = new Map<string, Promise<Pick<SandboxLimits, 'cpuMs' | 'wallMs'> | undefined>>();

// Per-problem time limit calibrated on this machine (evalplus): the reference solution's test time in the same
// sandbox, x4, at least 3 s. Measured once per problem and worker; undefined keeps the defaults.
export function calibratedLimits<P extends CodeProblem>(
  dataset: CodeDataset<P>,
  problem: P,
  isolation: RunContext['code']['sandbox'],
): Promise<Pick<SandboxLimits, 'cpuMs' | 'wallMs'> | undefined> {
  const key = `${dataset.name}:${problem.taskId}`;
  let limits = references.get(key);
  if (!limits) {
    limits = getSharedSandbox(isolation)
      .then((sandbox) => scoreCodeResponse(sandbox, dataset, problem, dataset.goldResponse(problem), { limits: REFERENCE_LIMITS }))
      .then((reference) =>
        reference.result?.status === 'passed' ? limitsForReference(reference.result.testMs ?? reference.result.durationMs) : undefined,
      );
    references.set(key, limits);
  }
  return limits;
}

/** What a code eval is made of. */
export interface CodeEvalOptions<P extends CodeProblem> {
  dataset: CodeDataset<P>;
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
  const { code, dataset } = options;
  const prompt = (problem: P) => dataset.messages(problem);
  const expected = (problem: P) => dataset.expected(problem);
  const common = { name: dataset.name, variant: options.variant, data: options.data, id: options.id, prompt, expected };
  if (code.samples === 1) {
    return evalDefinition<P>({
      ...common,
      label: `${options.label} (chat, greedy pass@1, sandboxed)`,
      scorers: [
        pythonTests<P>({
          entryPoint: (p) => p.entryPoint,
          program: (p, answer) => dataset.program(p, answer),
          limits: (p) => calibratedLimits(dataset, p, code.sandbox),
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
          client.chat(dataset.messages(problem), { ...sampling, temperature: code.temperature, seed: sampling.seed + i }, signal),
        ),
      );
      const samples = answers.map((a) => a.text);
      return { samples, text: samples.map((s, i) => `--- sample ${i + 1} ---\n${s}`).join('\n') };
    },
    scorers: [passAtKScorer(dataset, code)],
  });
}

// Run every sample in the sandbox and score pass@k with the unbiased estimator.
function passAtKScorer<P extends CodeProblem>(dataset: CodeDataset<P>, code: RunContext['code']): MultiScorer<P, CodeSamples> {
  const metrics = codeMetricSpecs(code);
  return {
    metrics,
    score: async ({ item, output }) => {
      const sandbox = await getSharedSandbox(code.sandbox);
      const limits = await calibratedLimits(dataset, item, code.sandbox);
      const scored = await Promise.all(
        output.samples.map((sample) => scoreCodeResponse(sandbox, dataset, item, sample, limits ? { limits } : {})),
      );
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
