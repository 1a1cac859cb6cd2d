import { CHOICE_LETTER_METRIC } from '../../scorers/choice/metric.ts';
import { LOGLIKELIHOOD_METRICS } from '../../scorers/loglikelihood/score.ts';
import type { MetricSpec } from '../../shared/records/metric.ts';

/**
 * Metrics of a multiple-choice dataset (ARC-Challenge, HellaSwag) per variant, primary first: the stated label in chat
 * (`choiceLetter`), lm-eval's `acc_norm` and `acc` by log-likelihood (`loglikelihoodChoice`). Read by the registry,
 * loaded with every config, without the scorers' extractors.
 */
const MULTIPLE_CHOICE_METRICS: Record<'chat' | 'loglikelihood', MetricSpec[]> = {
  chat: [CHOICE_LETTER_METRIC],
  loglikelihood: LOGLIKELIHOOD_METRICS,
};

/** The metrics of `variant`; none for a variant that is not a multiple-choice mode. */
export function multipleChoiceMetrics(variant: string): MetricSpec[] {
  return variant === 'chat' || variant === 'loglikelihood' ? MULTIPLE_CHOICE_METRICS[variant] : [];
}
