import type { MetricSpec } from '../../shared/records/metric.ts';

/** Metrics of the chat mode of a multiple-choice dataset. */
export const CHAT_CHOICE_METRICS: MetricSpec[] = [
  {
    name: 'chat_acc',
    kind: 'proportion',
    description: 'the final choice stated in the chat answer is the gold label (none or two stated = unparseable, 0)',
    range: [0, 1],
  },
];

/** Primary metric of the chat mode. */
export const CHAT_CHOICE_PRIMARY_METRIC = 'chat_acc';
