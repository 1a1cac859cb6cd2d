import type { ChatOptions } from '../../runtime/client/chat-request.ts';
import { evalDefinition, type AnyEvalDefinition } from '../../runtime/define-eval.ts';
import type { DataSource } from '../../runtime/data.ts';
import type { RunContext } from '../../shared/context.ts';
import { jsonCasesSource } from './data.ts';
import { buildJsonMessages, buildResponseFormat } from './prompt.ts';
import type { JsonCase } from './reader.ts';
import { JSON_OUTPUT_SCORERS } from './score.ts';
import { AGENT_KIND } from '../agent-kind.ts';
import { JSON_OUTPUT_VARIANTS } from './variants.ts';

const LABELS: Record<string, string> = {
  structured: 'JSON output (response_format json_schema: vLLM structured outputs)',
  prompted: 'JSON output (schema in the prompt only: the model alone)',
};

/**
 * JSON output validity: the same extraction prompts with and without `response_format`, validated with zod.
 * @param data the cases @default the shipped cases.jsonl
 */
export function jsonOutputEvals(run: Pick<RunContext, 'variants'>, data: DataSource<JsonCase> = jsonCasesSource): AnyEvalDefinition[] {
  return (run.variants.json_output ?? [...JSON_OUTPUT_VARIANTS]).map((variant) =>
    evalDefinition<JsonCase>({
      name: 'json_output',
      variant,
      label: LABELS[variant] ?? `JSON output (${variant})`,
      kind: AGENT_KIND,
      data,
      prompt: buildJsonMessages,
      task: async (item, { client, sampling, signal }) => {
        const options: ChatOptions = variant === 'structured' ? { responseFormat: buildResponseFormat(item) } : {};
        return client.chat(buildJsonMessages(item), sampling, signal, options);
      },
      expected: (item) => JSON.stringify(item.expected),
      scorers: JSON_OUTPUT_SCORERS,
    }),
  );
}
