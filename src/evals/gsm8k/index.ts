// GSM8K: reader, prompts, scorer, metrics and self-check responses.
export { readGsm8k, type Gsm8kCase } from './reader.ts';
export {
  buildGsm8kFewShotMessages,
  buildGsm8kZeroShotMessages,
  rewriteGsm8kSolution,
  GSM8K_FEW_SHOT_COUNT,
  GSM8K_INSTRUCTION,
  GSM8K_SYSTEM_PROMPT,
} from './prompt.ts';
export { extractBoxedNumber, extractFinalAnswerLine, extractLastBoxed, extractLastNumber } from './extract.ts';
export {
  GSM8K_METRICS,
  GSM8K_PRIMARY_METRIC,
  parseGsm8kGold,
  scoreGsm8kResponse,
  type Gsm8kMetric,
  type Gsm8kScore,
} from './score.ts';
export { buildGsm8kGoldResponse, buildGsm8kWrongResponse } from './simulate-answers.ts';
