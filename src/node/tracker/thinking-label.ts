import type { RunRecord } from '../../shared/records/run-record.ts';

/** `thinking on (qwen3)`, `thinking off (qwen3)`, or '' for a model that does not reason. */
export function thinkingLabel(reasoning: RunRecord['model']['reasoning']): string {
  return reasoning ? `thinking ${reasoning.thinking ? 'on' : 'off'} (${reasoning.parser})` : '';
}
