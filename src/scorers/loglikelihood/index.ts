// Log-likelihood multiple-choice scoring from echoed `/v1/completions` log-probs.
export { sumContinuationLogprobs, type ContinuationLogprob, type ContinuationSpan, type EchoLogprobs } from './echo-logprobs.ts';
export {
  argmax,
  scoreLoglikelihoodChoices,
  LOGLIKELIHOOD_METRICS,
  LOGLIKELIHOOD_PRIMARY_METRIC,
  type LoglikelihoodMetric,
  type LoglikelihoodOptions,
  type LoglikelihoodScore,
} from './score.ts';
