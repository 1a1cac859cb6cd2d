import { createHash } from 'node:crypto';
import type { Judge } from '../../runtime/judge.ts';
import type { MultiScorer } from '../../scorers/scorer.ts';
import type { MtBenchData } from './data.ts';
import { buildMtBenchJudgeMessages, MT_BENCH_TEMPERATURES } from './prompt.ts';
import type { MtBenchQuestion } from './reader.ts';
import { MT_BENCH_METRICS } from './metrics.ts';
import { scoreMtBenchJudgments } from './score.ts';

/** The model's two answers, as the MT-Bench task returns them. */
export interface MtBenchOutput {
  answers: [string, string];
  finishReasons: [string | null, string | null];
  temperature: number;
  /** Both turns, for the record. */
  text: string;
}

/**
 * FastChat's single-answer grading: the judge rates each turn 1-10 (reference-guided for math, reasoning and
 * coding), both turns asked concurrently; `score` is the mean of the parsed ratings.
 */
export function mtBenchJudgeScorer(judge: Judge, data: () => MtBenchData): MultiScorer<MtBenchQuestion, MtBenchOutput> {
  return {
    metrics: MT_BENCH_METRICS,
    // The rubric (judge prompts, pinned) and the answer temperatures decide scores as much as the prompt does.
    get fingerprint() {
      const prompts = [...data().judgePrompts.values()].sort((a, b) => a.name.localeCompare(b.name));
      return createHash('sha256')
        .update(JSON.stringify({ prompts, temperatures: MT_BENCH_TEMPERATURES }))
        .digest('hex')
        .slice(0, 16);
    },
    score: async ({ item, output, signal, client }) => {
      const { judgePrompts, references } = data();
      const reference = references.get(item.questionId);
      const requests = ([1, 2] as const).map((turn) =>
        buildMtBenchJudgeMessages({
          question: item,
          answers: output.answers,
          turn,
          prompts: judgePrompts,
          ...(reference ? { reference } : {}),
        }),
      );
      const judgeClient = judge.client ?? client;
      const judgments = await Promise.all(requests.map((r) => judgeClient.chat(r.messages, judge.sampling, signal)));
      const scored = scoreMtBenchJudgments(item, [judgments[0]!.text, judgments[1]!.text]);
      return {
        scores: scored.scores,
        extracted: scored.extracted,
        verdict: scored.verdict,
        detail: {
          category: item.category,
          judgePrompts: requests.map((r) => r.promptName),
          judgments: judgments.map((j) => j.text),
          ratings: [scored.scores.turn1, scored.scores.turn2],
          unparsedTurns: scored.detail.unparsedTurns,
          judge: judge.info,
        },
      };
    },
  };
}
