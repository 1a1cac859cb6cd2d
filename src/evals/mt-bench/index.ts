// MT-Bench: readers, prompts, rating extraction, scoring, aggregation and self-check judgments.
export {
  readMtBenchAnswers,
  readMtBenchJudgePrompts,
  readMtBenchJudgments,
  readMtBenchQuestions,
  type MtBenchAnswer,
  type MtBenchJudgePrompt,
  type MtBenchJudgment,
  type MtBenchQuestion,
} from './reader.ts';
export {
  buildMtBenchAnswerMessages,
  buildMtBenchJudgeMessages,
  selectJudgePromptName,
  MT_BENCH_REFERENCE_CATEGORIES,
  MT_BENCH_TEMPERATURES,
  type MtBenchJudgeInput,
} from './prompt.ts';
export { extractMtBenchRating, RATING_BACKUP_PATTERN, RATING_PATTERN } from './extract-rating.ts';
export { MT_BENCH_METRICS, MT_BENCH_PRIMARY_METRIC, scoreMtBenchJudgments, type MtBenchMetric, type MtBenchScore } from './score.ts';
export { aggregateMtBenchRatings, type MtBenchAggregate, type MtBenchGroupScore, type MtBenchRating } from './aggregate.ts';
export { buildMtBenchGoldJudgment, buildMtBenchUnparseableJudgment } from './simulate-answers.ts';
