import { pickCorrect, type SimRule, type SimulationMode } from '../../shared/simulation-rules.ts';
import type { SimulationOptions, SimulationScript } from '../builtin.ts';
import { meanOf } from '../multiple-choice/simulate-choices.ts';
import { loadMtBench } from './data.ts';
import type { MtBenchQuestion } from './reader.ts';
import { scoreMtBenchJudgments } from './score.ts';
import { buildMtBenchGoldJudgment } from './simulate-answers.ts';

/** A fixed, unique answer of the simulated model to a question's turn. */
export function simulatedMtBenchAnswer(item: Pick<MtBenchQuestion, 'questionId' | 'category'>, turn: 1 | 2): string {
  return `Simulated MT-Bench answer to question ${item.questionId}, turn ${turn} (${item.category}).`;
}

// The scripted judge gives the maximum to a right answer and the minimum to a wrong one, so `gold` scores 10.
export function scriptedMtBenchRatings(correct: boolean): [number, number] {
  return correct ? [10, 10] : [1, 1];
}

// Rules for the answers and the judge, the expected metric means, and each question's expected ratings.
export async function simulate(options: SimulationOptions): Promise<SimulationScript> {
  const { questions } = await loadMtBench(options.source);
  return scriptMtBench(options.limit === null ? questions : questions.slice(0, options.limit), options.mode);
}

/** The script for these questions in this mode. */
export function scriptMtBench(cases: readonly MtBenchQuestion[], mode: SimulationMode): SimulationScript {
  const correct = pickCorrect(mode, cases.length);
  const judgeRules: SimRule[] = [];
  const answerRules: SimRule[] = [];
  const perCase: Record<string, Record<string, number>> = {};
  cases.forEach((item, i) => {
    const ratings = scriptedMtBenchRatings(correct[i]!);
    const judgments = ratings.map((r, t) => buildMtBenchGoldJudgment(r, item.questionId + t)) as [string, string];
    const [answer1, answer2] = [simulatedMtBenchAnswer(item, 1), simulatedMtBenchAnswer(item, 2)];
    answerRules.push(
      { match: { equals: item.turns[0], endpoint: 'chat' }, response: answer1 },
      { match: { equals: item.turns[1], endpoint: 'chat' }, response: answer2 },
    );
    // Every judge prompt asks for "[[rating]]"; turn 2's also carries answer 1, so its rule comes first.
    judgeRules.push(
      { match: { anyMessage: answer2, contains: '[[rating]]', endpoint: 'chat' }, response: judgments[1] },
      { match: { anyMessage: answer1, contains: '[[rating]]', endpoint: 'chat' }, response: judgments[0] },
    );
    const score = scoreMtBenchJudgments(item, judgments);
    perCase[item.id] = { turn1: score.scores.turn1!, turn2: score.scores.turn2!, score: score.scores.score! };
  });
  const all = Object.values(perCase);
  return {
    rules: [...judgeRules, ...answerRules],
    expected: {
      'mt_bench/single': {
        score: meanOf(all.map((c) => c.score!)),
        turn1: meanOf(all.map((c) => c.turn1!)),
        turn2: meanOf(all.map((c) => c.turn2!)),
      },
    },
    cases: { 'mt_bench/single': perCase },
  };
}
