import type { MetricSpec } from '../../shared/records/metric.ts';

/** The metric `choiceLetter` scores by default; its own module so that metric specs load without the extractor. */
export const CHOICE_LETTER_METRIC: MetricSpec = {
  name: 'chat_acc',
  kind: 'proportion',
  description: 'the final choice stated in the answer is the gold label (none or two stated = unparseable, 0)',
  range: [0, 1],
};
