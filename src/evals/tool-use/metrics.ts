import type { MetricSpec } from '../../shared/records/metric.ts';

// Tool-use's metric specs apart from its scorer: the registry (loaded with every config) needs the specs, not the
// tools and the workspace behind them.

/** Tool-use metrics, primary first. */
export const TOOL_USE_METRICS: MetricSpec[] = [
  {
    name: 'task_success',
    kind: 'proportion',
    description: 'right final answer, required calls in order, files as required',
    range: [0, 1],
  },
  { name: 'answer_acc', kind: 'proportion', description: 'the final answer states the expected facts', range: [0, 1] },
  {
    name: 'calls_acc',
    kind: 'proportion',
    description: 'the required tool calls were made, in order, with the right effect',
    range: [0, 1],
  },
];
