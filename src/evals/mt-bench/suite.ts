import { evalDefinition, type AnyEvalDefinition } from '../../runtime/define-eval.ts';
import type { Judge } from '../../runtime/judge.ts';
import { mtBenchSource, type MtBenchData } from './data.ts';
import { mtBenchJudgeScorer, type MtBenchOutput } from './judge-turns.ts';
import { buildMtBenchAnswerMessages, mtBenchTemperature } from './prompt.ts';
import type { MtBenchQuestion } from './reader.ts';

/**
 * MT-Bench: two turns per question, each rated 1-10 by `judge` (FastChat single-answer grading).
 * @param source where the questions, judge prompts and references come from @default the pinned FastChat files
 */
export function mtBenchEvals(judge: Judge, source: typeof mtBenchSource = mtBenchSource): AnyEvalDefinition[] {
  let data: MtBenchData | undefined;
  const definition = evalDefinition<MtBenchQuestion, MtBenchOutput>({
    name: 'mt_bench',
    variant: 'single',
    label: 'MT-Bench (2 turns, single-answer grading by an LLM judge)',
    data: source((loaded) => (data = loaded)),
    // No system message: the chat template's own default applies, as with FastChat's model templates.
    prompt: (item) => buildMtBenchAnswerMessages(item, 2, ["(the model's answer to turn 1)"]),
    task: async (item, { client, sampling, signal }) => {
      // FastChat samples answers at a per-category temperature, not greedily; so do we.
      const turnSampling = { ...sampling, temperature: mtBenchTemperature(item.category) };
      const first = await client.chat(buildMtBenchAnswerMessages(item, 1), turnSampling, signal);
      const second = await client.chat(buildMtBenchAnswerMessages(item, 2, [first.text]), turnSampling, signal);
      return {
        answers: [first.text, second.text],
        finishReasons: [first.finishReason, second.finishReason],
        temperature: turnSampling.temperature,
        text: `[Turn 1]\n${first.text}\n\n[Turn 2]\n${second.text}`,
      };
    },
    expected: (item) => data?.references.get(item.questionId)?.turns.join('\n\n') ?? '',
    scorers: [mtBenchJudgeScorer(judge, () => data!)],
    judge: judge.info,
  });
  return [definition];
}
