// qwen-evals' eval-file entry (`qwen-evals`): define evals, score answers, read the run's context. Runs in Vitest's
// workers; the main-process side (projects, server, reporters) is `qwen-evals/config`.
export { defineEval, type EvalDefinition, type TaskContext, type DefaultOutput } from './runtime/define-eval.ts';
export { jsonl, csv, remoteFile, type DataSource, type DataLoader, type LoadedData, type RemoteFileOptions } from './runtime/data.ts';
export { injectRunContext, getServerStatus } from './runtime/context.ts';
export { createJudge, type Judge } from './runtime/judge.ts';
export type { EvalClient, ChatResult } from './runtime/client/chat.ts';
export type { CompletionResult } from './runtime/client/completions.ts';
export type { Scorer, MultiScorer, AnyScorer, ScorerInput, ScoreResult, MultiScoreResult } from './scorers/scorer.ts';
export {
  numericMatch,
  matchNumber,
  extractNumber,
  type NumericMatchOptions,
  type NumberExtraction,
} from './scorers/numeric/numeric-match.ts';
export { choiceLetter, type ChoiceLetterOptions } from './scorers/choice/choice-letter.ts';
export {
  loglikelihoodChoice,
  loglikelihoodTask,
  type LoglikelihoodOutput,
  type LoglikelihoodChoiceOptions,
} from './scorers/loglikelihood/loglikelihood-choice.ts';
export { buildLoglikelihoodPrompt, type LoglikelihoodPrompt } from './scorers/loglikelihood/prompt.ts';
export { pythonTests, type PythonTestsOptions } from './scorers/python-tests/python-tests.ts';
export { llmJudge, type LlmJudgeOptions } from './scorers/judge/llm-judge.ts';
export { exactMatch, type ExactMatchOptions } from './scorers/text/exact-match.ts';
export { regexMatch, type RegexMatchOptions } from './scorers/text/regex-match.ts';
export { jsonSchema, type JsonSchemaOptions } from './scorers/json/json-schema.ts';
export type { ChatMessage, ToolCall } from './shared/chat-message.ts';
export type { Sampling } from './shared/sampling.ts';
export type { CaseRecord, ReasoningRecord, Verdict } from './shared/records/case-record.ts';
export type { RunRecord } from './shared/records/run-record.ts';
export type { RunContext, ServerStatus } from './shared/context.ts';
