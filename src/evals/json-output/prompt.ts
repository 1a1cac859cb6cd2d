import type { ResponseFormat } from '../../runtime/client/chat-request.ts';
import type { ChatMessage } from '../../shared/chat-message.ts';
import type { JsonCase } from './reader.ts';
import { answerJsonSchema } from './schemas.ts';

// One prompt for both variants (the schema is always in it), so the only difference between them is whether the
// server constrains decoding to the schema.

/** The system message of every case. */
export const JSON_OUTPUT_SYSTEM_PROMPT = 'You extract facts from text into JSON. Reply with the JSON object only.';

/** The messages of one case. */
export function buildJsonMessages(item: Pick<JsonCase, 'schema' | 'text'>): ChatMessage[] {
  const schema = JSON.stringify(answerJsonSchema(item.schema), null, 2);
  return [
    { role: 'system', content: JSON_OUTPUT_SYSTEM_PROMPT },
    {
      role: 'user',
      content: `Extract the details from this text as a JSON object that follows the JSON Schema below.\n\nText: ${item.text}\n\nJSON Schema:\n${schema}`,
    },
  ];
}

/** vLLM's structured outputs for a case: its schema as `response_format`. */
export function buildResponseFormat(item: Pick<JsonCase, 'schema'>): ResponseFormat {
  return { type: 'json_schema', json_schema: { name: item.schema, schema: answerJsonSchema(item.schema), strict: true } };
}
