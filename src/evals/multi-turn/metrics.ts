import type { MetricSpec } from '../../shared/records/metric.ts';

// Multi-turn's metrics, apart from the scorer so that the registry, loaded with every config, reads them without it.

/** Multi-turn metrics, primary first. */
export const MULTI_TURN_METRICS: MetricSpec[] = [
  { name: 'conversation_acc', kind: 'proportion', description: 'every checked turn of the conversation holds its facts', range: [0, 1] },
  { name: 'turn_acc', kind: 'ratio', description: 'checked turns that hold their facts, of all checked turns', range: [0, 1] },
];
