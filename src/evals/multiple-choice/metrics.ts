import { CHOICE_LETTER_METRIC } from '../../scorers/choice/metric.ts';
import { LOGLIKELIHOOD_METRICS } from '../../scorers/loglikelihood/score.ts';
import type { MetricSpec } from '../../shared/records/metric.ts';

/**
 * Metrics of a multiple-choice dataset's variant (ARC-Challenge, HellaSwag), primary first: the stated label in chat
 * (`choiceLetter`), lm-eval's `acc_norm` and `acc` by log-likelihood (`loglikelihoodChoice`); none for another variant.
 * Read by the registry, loaded with every config, without the scorers' extractors.
 */
export function multipleChoiceMetrics(variant: string): MetricSpec[] {
  if (variant === 'chat') return [CHOICE_LETTER_METRIC];
  if (variant === 'loglikelihood') return LOGLIKELIHOOD_METRICS;
  return [];
}
